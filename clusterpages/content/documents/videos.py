"""videos.yaml → Video records (pure)."""

from __future__ import annotations

from clusterpages.content.documents.context import Context, content_ref
from clusterpages.content.read import schema, schemas, yamlload
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Video
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls
from clusterpages.values import videos as vids
from clusterpages.values.text import slugify


def parse_videos(ctx: Context, src: SourceFile, slug: str) -> tuple[tuple[Video, ...], list[dg.Diagnostic]]:
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return (), diags
    data, sub = schema.validate(located, schemas.VIDEOS, src.rel, what="в videos.yaml")
    diags += sub
    scope = inputs.cluster(slug)
    out, seen = [], set()
    for i, v in enumerate(data.get("videos") or []):
        line = v.get("_line")
        if v.get("title") is None or v.get("date") is None or v.get("kind") is None:
            continue
        url, file = v.get("url"), v.get("file")
        if bool(url) == bool(file):
            diags.append(dg.error("video.source", src.rel, line, f"У ролика «{v['title']}» должен быть ровно один источник: url или file.",
                                  vids.HINT))
            continue
        embed_url = None
        video_file = None
        if url:
            mapped = vids.embed(url)
            if mapped is None:
                diags.append(dg.error("video.url", src.rel, located.line(("videos", i, "url")),
                                      f"Адрес ролика «{url}» не относится к VK Видео, RUTUBE или YouTube или записан не полностью.",
                                      vids.HINT))
                continue
            platform, embed_url = mapped
            page_url = url.strip()
        else:
            path = content_ref(ctx, file, src.rel, located.line(("videos", i, "file")), scope, "Файл ролика", diags)
            if path is None:
                continue
            platform, video_file = "file", urls.media(path)
            page_url = video_file
        poster = content_ref(ctx, v.get("poster"), src.rel, located.line(("videos", i, "poster")), scope, "Обложка", diags)
        vslug = slugify(v["title"])
        n = 2
        base = vslug
        while vslug in seen:
            vslug, n = f"{base}-{n}", n + 1
        seen.add(vslug)
        duration = v.get("duration") or ""
        secs = vids.seconds(duration) if duration else None
        if duration and secs is None:
            diags.append(dg.warning("video.duration", src.rel, located.line(("videos", i, "duration")),
                                    f"Длительность «{duration}» не распознана.", "Запишите в кавычках как \"3:45\" или \"1:02:10\"."))
        out.append(Video(slug, vslug, line, v["title"], v["kind"], platform, page_url, embed_url, video_file,
                         v.get("profession") or "", urls.media(poster) if poster else None, duration, secs,
                         v["date"], v.get("description") or "", v.get("transcript") or ""))
    return tuple(out), diags
