"""Gradio's own words in Simplified Chinese, whatever language the user's browser asks for.

Gradio picks its interface language from the browser (navigator.language): an English browser, or a Chinese
one that reports plain "zh" or "zh-HK", gets "Drop File Here - or - Click to Upload", "Settings" and the like,
and Gradio's zh-CN table lacks some keys, which then show in English or as the bare key ("common.complete").
fazhi's users read Chinese, so `gradio_i18n()` gives Gradio one complete Chinese table for every built-in key
(`launch(i18n=…)` adds it on top of Gradio's own), registered for English — the fallback of every other
language — and for both Chinese variants. A few labels Gradio writes without a key (aria-labels and tooltips of
the table and upload widgets) are translated in the page by `UNKEYED_JS`.
"""

from __future__ import annotations

import json

import gradio as gr

__all__ = ["GRADIO_ZH", "LOCALES", "UNKEYED", "UNKEYED_JS", "gradio_i18n"]

# Gradio 6's translation keys (js/core/src/lang/en.json), grouped as there.
_GROUPS: dict[str, dict[str, str]] = {
    "3D_model": {
        "3d_model": "三维模型",
        "drop_to_upload": "将三维模型文件（.obj、.glb、.stl、.gltf、.splat 或 .ply）拖放到此处上传",
    },
    "annotated_image": {"annotated_image": "标注图像"},
    "audio": {
        "allow_recording_access": "请允许浏览器使用麦克风进行录音。",
        "audio": "音频",
        "drop_to_upload": "将音频文件拖放到此处上传",
        "record_from_microphone": "用麦克风录音",
        "stop_recording": "停止录音",
        "no_device_support": "无法使用媒体设备：请通过 https 或本机地址访问，并允许浏览器使用该设备。",
        "stop": "停止",
        "resume": "继续",
        "record": "录音",
        "no_microphone": "未找到麦克风",
        "recording_error": "无法开始录音。",
        "pause": "暂停",
        "play": "播放",
        "waiting": "等待中",
    },
    "blocks": {
        "connection_can_break": "在手机上，切换到其他页面或锁屏可能使连接中断，需要重新排队。",
        "long_requests_queue": "当前排队的请求较多，请稍候。",
        "lost_connection": "离开页面后连接已断开，正在重新排队……",
        "waiting_for_inputs": "文件尚未上传完成，请稍后重试。",
    },
    "chatbot": {
        "edit": "编辑",
        "retry": "重新生成",
        "undo": "撤回",
        "submit": "发送",
        "cancel": "取消",
        "like": "有用",
        "dislike": "没用",
        "clear": "清空对话",
        "complete": "完成",
        "copy_message": "复制消息",
        "copied_message": "已复制消息",
    },
    "chat_interface": {
        "new_chat": "新对话",
        "message_placeholder": "输入消息……",
        "additional_inputs": "更多选项",
        "chatbot": "对话",
        "conversation": "对话记录",
    },
    "checkbox": {"checkbox": "复选框", "checkbox_group": "复选框组"},
    "code": {"code": "代码"},
    "color_picker": {"color_picker": "颜色选择器"},
    "common": {
        "built_with": "构建工具",
        "built_with_gradio": "基于 Gradio 构建",
        "clear": "清除",
        "complete": "完成",
        "download": "下载",
        "download_all": "全部下载",
        "edit": "编辑",
        "empty": "空",
        "error": "错误",
        "hosted_on": "托管于",
        "loading": "加载中",
        "logo": "标志",
        "or": "或",
        "remove": "移除",
        "runs": "运行记录",
        "runs_description": "查看本浏览器保存的运行记录",
        "back_to_app": "返回",
        "back_to_app_description": "返回应用",
        "settings": "设置",
        "share": "分享",
        "submit": "提交",
        "undo": "撤销",
        "upload": "上传",
        "video": "视频",
        "webcam": "摄像头",
        "no_devices": "未找到设备",
        "language": "语言",
        "display_theme": "显示主题",
        "pwa": "渐进式网页应用",
        "progress": "进度",
        "record": "录制",
        "stop_recording": "停止录制",
        "screen_studio": "屏幕录制",
        "share_gradio_tab": "分享页面",
        "run": "运行",
    },
    "dataframe": {
        "incorrect_format": "格式不正确，只支持 CSV 和 TSV 文件",
        "new_column": "添加列",
        "new_row": "添加行",
        "add_row_above": "在上方插入行",
        "add_row_below": "在下方插入行",
        "delete_row": "删除行",
        "delete_column": "删除列",
        "add_column_left": "在左侧插入列",
        "add_column_right": "在右侧插入列",
        "sort_column": "排序",
        "sort_ascending": "升序",
        "sort_descending": "降序",
        "drop_to_upload": "将 CSV 或 TSV 文件拖放到此处导入表格",
        "import_empty_file": "拖入的文件是空的。",
        "import_no_column_names": "拖入的文件没有列名。",
        "import_ragged_row": "文件第 {line} 行有 {fields} 列，表头有 {columns} 列。",
        "import_static_columns": "此表格的列不可修改，无法导入。",
        "import_fixed_columns": "此表格固定为 {expected} 列，文件有 {actual} 列。",
        "import_fixed_rows": "此表格固定为 {expected} 行，文件有 {actual} 行。",
        "clear_sort": "取消排序",
        "filter": "筛选",
        "clear_filter": "清除筛选",
    },
    "dropdown": {"dropdown": "下拉菜单"},
    "errors": {
        "build_error": "构建出错",
        "config_error": "配置出错",
        "contact_page_author": "请联系系统管理员。",
        "no_app_file": "缺少应用文件",
        "runtime_error": "运行出错",
        "space_not_working": "服务暂不可用：{0}",
        "space_paused": "服务已暂停",
        "use_via_api": "通过接口调用",
        "use_via_api_or_mcp": "通过接口或 MCP 调用",
    },
    "file": {"uploading": "正在上传……"},
    "highlighted_text": {"highlighted_text": "高亮文本"},
    "image": {
        "allow_webcam_access": "请允许浏览器使用摄像头。",
        "brush_color": "画笔颜色",
        "brush_radius": "画笔大小",
        "image": "图像",
        "remove_image": "移除图像",
        "select_brush_color": "选择画笔颜色",
        "start_drawing": "开始绘图",
        "use_brush": "使用画笔",
        "drop_to_upload": "将图像文件拖放到此处上传",
        "no_webcam_support": "无法使用摄像头。",
    },
    "image_editor": {
        "add_layer": "添加图层",
        "brush": "画笔",
        "brush_size": "画笔大小",
        "clear_canvas": "清空画布",
        "color": "颜色",
        "confirm_crop": "确认裁剪",
        "crop": "裁剪",
        "erase": "橡皮擦",
        "eraser_size": "橡皮擦大小",
        "fit_to_screen": "适应屏幕",
        "layer": "图层",
        "layers": "图层",
        "pan": "平移",
        "paste": "粘贴",
        "redo": "重做",
        "resize": "调整大小",
        "save_changes": "保存修改",
        "select_draw_tool": "选择绘图工具后开始",
        "show_layers": "显示图层",
        "upload": "上传",
        "upload_image": "上传图像",
        "webcam": "摄像头",
        "zoom_in": "放大",
        "zoom_out": "缩小",
    },
    "label": {"label": "标签"},
    "login": {
        "enable_cookies": "使用无痕模式访问时，请允许第三方 Cookie。",
        "incorrect_credentials": "用户名或密码不正确",
        "username": "用户名",
        "password": "密码",
        "login": "登录",
    },
    "model3d": {"drop_to_upload": "将三维模型文件拖放到此处上传"},
    "number": {"number": "数字"},
    "plot": {"plot": "图表"},
    "radio": {"radio": "单选框"},
    "slider": {"slider": "滑块"},
    "status": {"queue_position": "排队中：第 {position} 位，共 {size} 位"},
    "upload_text": {
        "click_to_upload": "点击选择文件",
        "drop_audio": "将音频拖放到此处",
        "drop_csv": "将 CSV 文件拖放到此处",
        "drop_file": "将文件拖放到此处",
        "drop_image": "将图像拖放到此处",
        "drop_video": "将视频拖放到此处",
        "drop_gallery": "将媒体文件拖放到此处",
        "paste_clipboard": "从剪贴板粘贴",
    },
    "video": {"drop_to_upload": "将视频文件拖放到此处上传"},
}
GRADIO_ZH: dict[str, str] = {f"{group}.{key}": text for group, keys in _GROUPS.items() for key, text in keys.items()}
# English is Gradio's fallback for every language it has no table for; zh-CN and zh-TW are the Chinese browsers.
LOCALES = ("en", "zh-CN", "zh-TW")

# Labels Gradio writes in English without a translation key: aria-labels, tooltips, placeholders.
UNKEYED: dict[str, str] = {
    "Add row": "添加行",
    "Add column": "添加列",
    "Copy table data": "复制表格",
    "Copy": "复制",
    "Copied": "已复制",
    "Copy message": "复制消息",
    "Fullscreen": "全屏",
    "Exit fullscreen mode": "退出全屏",
    "Exit fullscreen": "退出全屏",
    "Open cell menu": "单元格菜单",
    "Table actions": "表格操作",
    "Search": "搜索",
    "Filter": "筛选",
    "Click to upload or drop files": "点击选择或拖入文件",
    "File upload": "上传文件",
    "Upload file": "上传文件",
    "Clear": "清除",
    "Remove this file": "移除此文件",
    "Download": "下载",
    "Gradio footer navigation": "页脚",
    "More tabs": "更多页面",
    "Textbox": "文本框",
    "chatbot conversation": "对话",
    "Stop Recording": "停止录制",
    "Scroll down": "滚动到底部",
    "Increase": "增加",
    "Decrease": "减少",
    "Reset": "恢复默认值",
    "Reset to default value": "恢复默认值",
    "number input for": "数值输入：",
    "range slider for": "滑块：",
    "Retry": "重新生成",
    "Undo": "撤回",
    "Edit": "编辑",
    "Like": "有用",
    "Dislike": "没用",
    "Clear chat": "清空对话",
    "Select example": "选择示例",
    "Empty value": "空",
    "Close": "关闭",
    "Error": "出错了",
    "Warning": "提示",
    "Info": "提示",
    "Success": "完成",
    "bot's message:": "助手消息：",
    "user's message:": "您的消息：",
    "Loading...": "加载中……",
    "Connection errored out.": "与服务器的连接中断，请刷新页面重试。",
    "Dataframe": "表格",
}

# Translates UNKEYED in aria-label/title/placeholder attributes and short text nodes, now and as Gradio renders.
UNKEYED_JS = (
    "() => {const map = "
    + json.dumps(UNKEYED, ensure_ascii=False)
    + """;
const attrs = ["aria-label", "title", "placeholder"];
const lower = Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
const tr = (s) => {
  if (!s) return null;
  const t = s.trim(), hit = map[t] || lower[t.toLowerCase()];
  if (hit) return s.replace(t, hit);
  for (const k of Object.keys(map)) { if (t.startsWith(k + " ")) return map[k] + t.slice(k.length + 1); }
  return null;
};
const fix = (root) => {
  const nodes = root.querySelectorAll ? [root, ...root.querySelectorAll("*")] : [];
  for (const el of nodes) {
    for (const a of attrs) { const v = el.getAttribute && el.getAttribute(a); const n = tr(v); if (n && n !== v) el.setAttribute(a, n); }
    for (const c of el.childNodes || []) {
      if (c.nodeType === 3 && c.nodeValue.trim() && /[A-Za-z]/.test(c.nodeValue)) {
        const n = tr(c.nodeValue); if (n && n !== c.nodeValue) c.nodeValue = n;
      }
    }
  }
};
fix(document.body);
new MutationObserver((ms) => { for (const m of ms) {
  if (m.type === "attributes" || m.type === "characterData") fix(m.target.parentElement || m.target); else m.addedNodes.forEach(fix);
} }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: attrs, characterData: true});
}"""
)


def gradio_i18n() -> gr.I18n:
    """The Chinese table for `launch(i18n=…)`, under every locale Gradio may pick for a fazhi user."""
    return gr.I18n(**{locale: dict(GRADIO_ZH) for locale in LOCALES})
