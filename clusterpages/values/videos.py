"""Video addresses as people paste them → the embed address of an allow-listed host."""

from __future__ import annotations

import re

ALLOWED_EMBED_HOSTS = ("vkvideo.ru", "vk.com", "rutube.ru", "www.youtube-nocookie.com")

_VK = re.compile(r"^https?://(?:www\.|m\.)?(vkvideo\.ru|vk\.com)/(?:video|clip)(-?\d+)_(\d+)(?:[/?].*)?$")
_VK_EXT = re.compile(r"^https?://(?:www\.)?(vkvideo\.ru|vk\.com)/video_ext\.php\?(.*)$")
_RUTUBE = re.compile(r"^https?://(?:www\.)?rutube\.ru/(?:video|play/embed)/([0-9a-f]{32})/?(?:\?.*)?$")
_YT = (re.compile(r"^https?://(?:www\.|m\.)?youtube\.com/watch\?(?:.*&)?v=([\w-]{11})(?:&.*)?$"),
       re.compile(r"^https?://youtu\.be/([\w-]{11})(?:\?.*)?$"),
       re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|shorts|live)/([\w-]{11})(?:\?.*)?$"))

HINT = ("Вставьте адрес страницы ролика из адресной строки браузера: https://vkvideo.ru/video-123_456, "
        "https://rutube.ru/video/<32 символа>/ или https://www.youtube.com/watch?v=<11 символов>; "
        "для своего файла — «file: media/ролик.mp4».")


def embed(url: str) -> tuple[str, str] | None:
    """(platform, embed URL) for a page address, or None when it cannot be mapped."""
    url = url.strip()
    m = _VK.match(url)
    if m:
        return "vk", f"https://vkvideo.ru/video_ext.php?oid={m.group(2)}&id={m.group(3)}&hd=2"
    m = _VK_EXT.match(url)
    if m:
        q = dict(p.split("=", 1) for p in m.group(2).split("&") if "=" in p)
        if re.fullmatch(r"-?\d+", q.get("oid", "")) and re.fullmatch(r"\d+", q.get("id", "")):
            extra = f"&hash={q['hash']}" if re.fullmatch(r"[0-9a-f]+", q.get("hash", "")) else ""
            return "vk", f"https://vkvideo.ru/video_ext.php?oid={q['oid']}&id={q['id']}{extra}&hd=2"
        return None
    m = _RUTUBE.match(url)
    if m:
        return "rutube", f"https://rutube.ru/play/embed/{m.group(1)}"
    for pattern in _YT:
        m = pattern.match(url)
        if m:
            return "youtube", f"https://www.youtube-nocookie.com/embed/{m.group(1)}"
    return None


PLATFORM_NAMES = {"vk": "VK Видео", "rutube": "RUTUBE", "youtube": "YouTube", "file": "файл"}


def seconds(duration: str) -> int | None:
    m = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{2})", duration.strip())
    if not m:
        return None
    return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
