#!/usr/bin/env python3
"""Generate the extraction benchmark: Arabic article pages in six site templates.

Each article body in source_articles.jsonl (real texts from the ANT corpus, see README.md) is
wrapped in one of six templates modelled on how Arabic news sites lay out a page: navigation
menus, breadcrumbs, share bars, "اقرأ أيضاً" boxes inside the body, related-article lists,
captions (some repeated), bylines, date lines, scripts with Arabic strings, cookie banners,
newsletter forms and footers. The expected text is the body paragraphs only (subheads written as
<h2> count as body). Output: pages/NN-tX.html and pages/NN-tX.expected.txt.

Run from this folder: python3 gen_pages.py
"""
import html
import json
import os
import random
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pages")

MENU = ["الرئيسية", "أخبار", "الشرق الأوسط", "العالم", "اقتصاد", "رياضة", "ثقافة", "تكنولوجيا", "صحة", "فيديو", "برامج", "آراء"]
SITES = [
    ("سكاي نيوز عربية", "www.skynewsarabia.com"),
    ("العربية", "www.alarabiya.net"),
    ("BBC News عربي", "www.bbc.com"),
    ("الخليج اليوم", "www.khaleej-today.example"),
    ("فرانس 24", "www.france24.com"),
    ("صدى البلد", "www.elbalad.example"),
]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def e(s):
    return html.escape(s, quote=True)


def paragraphs(text):
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    out = []
    for p in paras:
        # Very long single-paragraph bodies are split at sentence ends, as sites do.
        words = p.split()
        if len(words) > 120:
            cur = []
            for w in words:
                cur.append(w)
                if len(cur) > 45 and w.endswith((".", "؟", "!")):
                    out.append(" ".join(cur))
                    cur = []
            if cur:
                out.append(" ".join(cur))
        else:
            out.append(p)
    return out


def arabic_date(iso):
    y, m, d = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
    hh, mm = int(iso[11:13]), int(iso[14:16])
    import datetime
    wd = DAYS[datetime.date(y, m, d).weekday()]
    ampm = "ص" if hh < 12 else "م"
    h12 = hh % 12 or 12
    return wd, f"{d} {MONTHS[m - 1]} {y}", f"{h12:02d}:{mm:02d} {ampm}"


def menu_html(cls="menu"):
    return f'<ul class="{cls}">' + "".join(f'<li><a href="/{i}">{e(m)}</a></li>' for i, m in enumerate(MENU)) + "</ul>"


def related_list(others, n=4):
    return "<ul>" + "".join(f'<li><a href="/news/{zlib.crc32(t.encode()) % 100000}">{e(t)}</a></li>' for t in others[:n]) + "</ul>"


def share_bar():
    return ('<div class="share-bar"><span>شارك</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> '
            '<a href="#">واتساب</a> <a href="#">تلغرام</a> <a href="#">نسخ الرابط</a></div>')


def scripts(site):
    return ('<script>var dataLayer = dataLayer || []; dataLayer.push({"section": "أخبار", "site": "%s"});'
            ' function showMenu(){ document.body.classList.toggle("open"); }</script>'
            '<script async src="https://example-ads.invalid/ads.js"></script>'
            '<style>.menu li{display:inline-block} body{direction:rtl}</style>') % e(site)


def footer(site):
    return (f'<footer class="site-footer"><div class="footer-links"><a href="/about">من نحن</a> | <a href="/contact">اتصل بنا</a> | '
            f'<a href="/privacy">سياسة الخصوصية</a> | <a href="/terms">شروط الاستخدام</a></div>'
            f'<p class="copyright">جميع الحقوق محفوظة © 2018 {e(site)}</p>'
            f'<p>تابعونا على <a href="#">فيسبوك</a> و<a href="#">تويتر</a> و<a href="#">يوتيوب</a></p></footer>')


def jsonld(art, site, url, graph=False):
    obj = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": art["title"],
        "datePublished": art["published"],
        "dateModified": art["published"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {"@type": "Organization", "name": site, "logo": {"@type": "ImageObject", "url": "https://example.invalid/logo.png"}},
        "author": {"@type": "Person", "name": "فريق التحرير"},
    }
    if graph:
        obj = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": site, "url": url}, obj]}
        del obj["@graph"][1]["@context"]
    return '<script type="application/ld+json">' + json.dumps(obj, ensure_ascii=False) + "</script>"


def head(art, site, url, extra="", charset="utf-8", lang="ar"):
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="rtl"><head><meta charset="{charset}">'
            f'<title>{e(art["title"])} | {e(site)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="description" content="{e(art["text"][:150])}">{extra}</head>')


def caption_for(art):
    words = art["title"].split()
    return "صورة أرشيفية: " + " ".join(words[: min(6, len(words))])


def t1(art, paras, others, rnd):
    """Sky-style: semantic header/nav, breadcrumb, figure with caption, inline read-also, related, JSON-LD."""
    site, host = SITES[0]
    url = f"https://{host}/world/{art['id']}"
    wd, d, t = arabic_date(art["published"])
    body = []
    mid = len(paras) // 2
    for i, p in enumerate(paras):
        body.append(f"<p>{e(p)}</p>")
        if i == mid - 1 and len(paras) > 2:
            body.append(f'<p class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/world/1">{e(others[0])}</a></p>')
    return (head(art, site, url, f'<link rel="canonical" href="{url}"><meta property="og:title" content="{e(art["title"])}">'
                 f'<meta property="og:site_name" content="{e(site)}">' + jsonld(art, site, url))
            + f'<body>{scripts(site)}<header class="site-header"><div class="logo"><a href="/">{e(site)}</a></div><nav>{menu_html()}</nav>'
            f'<div class="breaking">عاجل: <a href="/b">{e(others[1])}</a></div></header>'
            f'<main><div class="breadcrumb"><a href="/">الرئيسية</a> &gt; <a href="/world">العالم</a></div>'
            f'<article><h1>{e(art["title"])}</h1><div class="article-meta"><span class="date">{wd} {d} - {t}</span>'
            f'<span class="author">سكاي نيوز عربية - أبوظبي</span></div>'
            f'<figure><img src="/img/{art["id"]}.jpg" alt=""><figcaption>{e(caption_for(art))}</figcaption></figure>'
            f'{share_bar()}<div class="article-body">{"".join(body)}</div>'
            f'<div class="tags"><span>الكلمات المفتاحية:</span> <a href="/t/1">العالم</a> <a href="/t/2">سياسة</a></div></article>'
            f'<section class="related"><h3>مواضيع ذات صلة</h3>{related_list(others[2:])}</section></main>'
            f'{footer(site)}</body></html>')


def t2(art, paras, others, rnd):
    """Arabiya-style div soup, camelCase classes, body as <br><br> text, read-more box with neutral class."""
    site, host = SITES[1]
    url = f"https://{host}/ar/arab-and-world/2018/03/12/{art['id']}"
    box = (f'<div class="inline-box"><div class="box-title">إقرأ المزيد</div>'
           f'<a href="/a1">{e(others[0])}</a><br><a href="/a2">{e(others[1])}</a></div>')
    chunks = []
    for i, p in enumerate(paras):
        chunks.append(e(p))
        if i == 0:
            chunks.append(box)
    body = "<br><br>".join(chunks)
    return (head(art, site, url, f'<meta property="og:title" content="{e(art["title"])} - {e(site)}">'
                 f'<meta property="article:published_time" content="{art["published"]}">'
                 f'<meta property="og:url" content="{url}">')
            + f'<body><div id="wrapper"><div class="topMenu">{menu_html("mainNav")}</div>'
            f'<div class="socialIcons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Instagram</a></div>'
            f'<div class="container"><div class="leftCol"><h1 class="headline">{e(art["title"])}</h1>'
            f'<div class="lastUpdate">آخر تحديث: {art["published"][:10]}</div>'
            f'<div class="imgWrap"><img src="/i.jpg"><span class="imgCaption">{e(caption_for(art))}</span></div>'
            f'<div class="articleText">{body}</div>'
            f'<div class="shareTools"><span>شارك هذا الخبر</span> <a href="#">واتساب</a> <a href="#">فيسبوك</a></div></div>'
            f'<div class="rightCol"><div class="mostRead"><h4>الأكثر قراءة</h4>{related_list(others[2:], 5)}</div>'
            f'<div class="adSlot">إعلان</div></div></div>'
            f'<div id="footer"><p>© العربية 2018. جميع الحقوق محفوظة</p>{menu_html("footerNav")}</div></div>'
            f'{scripts(site)}</body></html>')


def t3(art, paras, others, rnd):
    """BBC-style: role=main, <time datetime>, bold lead paragraph, aside, 'مواضيع متعلقة' list at the end."""
    site, host = SITES[2]
    url = f"https://{host}/arabic/world-{art['id']}"
    lead, rest = paras[0], paras[1:]
    body = f"<p><b>{e(lead)}</b></p>" + "".join(f"<p>{e(p)}</p>" for p in rest)
    return (head(art, site, url, f'<link rel="canonical" href="{url}"><meta property="og:site_name" content="{e(site)}">'
                 f'<meta name="twitter:title" content="{e(art["title"])}">')
            + f'<body><div class="skip-link"><a href="#main">تخطي إلى المحتوى</a></div>'
            f'<div role="banner"><a href="/arabic">{e(site)}</a>{menu_html("navigation-wide")}</div>'
            f'<div id="main" role="main"><div class="story-body"><h1 class="story-body__h1">{e(art["title"])}</h1>'
            f'<div class="byline"><span>بي بي سي</span> <time datetime="{art["published"]}">{arabic_date(art["published"])[1]}</time></div>'
            f'<ul class="share-tools"><li><a href="#">شارك عبر فيسبوك</a></li><li><a href="#">شارك عبر تويتر</a></li><li><a href="#">شارك عبر البريد الإلكتروني</a></li></ul>'
            f'<figure class="media-landscape"><img src="/x.jpg"><span class="media-caption">{e(caption_for(art))}</span></figure>'
            f'<div class="story-body__inner" property="articleBody">{body}</div>'
            f'<div class="story-more"><h2>مواضيع متعلقة</h2>{related_list(others, 3)}</div></div>'
            f'<aside class="features-and-analysis"><h2>قصص مقترحة</h2>{related_list(others[3:], 4)}</aside></div>'
            f'<div role="contentinfo"><p>بي بي سي غير مسؤولة عن محتوى المواقع الخارجية.</p></div>{scripts(site)}</body></html>')


def t4(art, paras, others, rnd):
    """Legacy table layout in windows-1256, <font> tags, date only as Arabic text in the page."""
    site, host = SITES[3]
    url = f"http://{host}/news.asp?id={art['id']}"
    wd, d, t = arabic_date(art["published"])
    body = "".join(f'<p align="justify"><font face="Tahoma" size="2">{e(p)}</font></p>' for p in paras)
    left = ('<table class="sideTable"><tr><td class="boxHead">الأكثر قراءة</td></tr>'
            + "".join(f'<tr><td><a href="news.asp?id={i}">{e(o)}</a></td></tr>' for i, o in enumerate(others[:5]))
            + "</table>")
    return (head(art, site, url, f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', charset="windows-1256")
            .replace('<meta charset="windows-1256">', "")
            + f'<body bgcolor="#ffffff"><table width="980" align="center"><tr><td colspan="2" class="topBar">'
            + " | ".join(f'<a href="/s{i}">{e(m)}</a>' for i, m in enumerate(MENU))
            + f'</td></tr><tr><td width="200" valign="top">{left}</td><td valign="top">'
            f'<table><tr><td class="newsTitle"><font size="4"><b>{e(art["title"])}</b></font></td></tr>'
            f'<tr><td class="newsDate">{wd} {d}</td></tr>'
            f'<tr><td class="newsBody">{body}</td></tr>'
            f'<tr><td class="printSend"><a href="print.asp">طباعة</a> | <a href="send.asp">أرسل لصديق</a> | <a href="#">أضف تعليق</a></td></tr>'
            f'</table></td></tr><tr><td colspan="2" align="center" class="copy">جميع الحقوق محفوظة لـ {e(site)} 2018</td></tr></table>'
            f'{scripts(site)}</body></html>')


def t5(art, paras, others, rnd):
    """France24-style: JSON-LD @graph, several read-also paragraphs, follow-us line, tags, comments."""
    site, host = SITES[4]
    url = f"https://{host}/ar/{art['id']}"
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{e(p)}</p>")
        if i in (0, 2) and i < len(paras) - 1:
            body.append(f'<p><strong>اقرأ أيضا: </strong><a href="/ar/r{i}">{e(others[i])}</a></p>')
    return (head(art, site, url, f'<link rel="canonical" href="{url}">' + jsonld(art, site, url, graph=True))
            + f'<body><div class="o-header"><a class="logo" href="/ar/">{e(site)}</a>{menu_html("m-menu")}'
            f'<div class="m-live"><a href="/live">البث المباشر</a></div></div>'
            f'<div class="t-content"><h1 class="t-content__title">{e(art["title"])}</h1>'
            f'<p class="t-content__chapo-date">نشرت في: {d if False else arabic_date(art["published"])[1]}</p>'
            f'<div class="m-em-image"><img src="/p.jpg"><p class="m-em-image__credit">{e(caption_for(art))} © أ ف ب</p></div>'
            f'<div class="t-content__body">{"".join(body)}'
            f'<p>فرانس24/ أ ف ب</p></div>'
            f'<p class="follow">تابعوا آخر الأخبار على حسابنا في تويتر</p>'
            f'<div class="m-tags-list"><span>الكلمات المفتاحية</span> <a href="#">سياسة</a> <a href="#">العالم</a></div>'
            f'<div id="comments"><h3>التعليقات</h3><p>أضف تعليقك على هذا الخبر. يجب تسجيل الدخول أولا.</p></div>'
            f'<div class="o-related"><h3>قد يهمك أيضا</h3>{related_list(others[2:], 4)}</div></div>'
            f'{footer(site)}{scripts(site)}</body></html>')


def t6(art, paras, others, rnd):
    """Local news style: h2 subhead, gallery with repeated captions, cookie banner, newsletter form."""
    site, host = SITES[5]
    url = f"https://{host}/{art['id']}"
    cap = caption_for(art)
    body = []
    for i, p in enumerate(paras):
        if i == 1 and len(paras) > 3:
            body.append(f'<div class="gallery"><img src="/g1.jpg"><p>{e(cap)}</p><img src="/g2.jpg"><p>{e(cap)}</p></div>')
        if len(p.split()) <= 12 and i > 0:
            body.append(f"<h2>{e(p)}</h2>")
        else:
            body.append(f"<p>{e(p)}</p>")
    return (head(art, site, url, f'<meta name="pubdate" content="{art["published"]}"><meta property="og:site_name" content="{e(site)}">')
            + f'<body><div class="cookie-notice">يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button></div>'
            f'<div class="top-header">{menu_html("main-menu")}</div>'
            f'<div class="page"><div class="content"><div class="post"><h1>{e(art["title"])}</h1>'
            f'<div class="post-info">كتب: محرر الشؤون الخارجية <span class="post-date">{arabic_date(art["published"])[1]}</span></div>'
            f'<div class="post-body">{"".join(body)}</div>'
            f'<div class="post-share"><a href="#">شارك على فيسبوك</a> <a href="#">شارك على تويتر</a></div>'
            f'<div class="newsletter"><h4>اشترك في النشرة الإخبارية</h4><form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></div>'
            f'</div><div class="more-news"><h3>أخبار متعلقة</h3>{related_list(others, 4)}</div></div></div>'
            f'{footer(site)}{scripts(site)}</body></html>')


TEMPLATES = [("t1", t1, "utf-8"), ("t2", t2, "utf-8"), ("t3", t3, "utf-8"), ("t4", t4, "cp1256"), ("t5", t5, "utf-8"), ("t6", t6, "utf-8")]


def main():
    arts = [json.loads(l) for l in open(os.path.join(HERE, "source_articles.jsonl"), encoding="utf-8")]
    os.makedirs(OUT, exist_ok=True)
    titles = [a["title"] for a in arts]
    for n, art in enumerate(arts):
        name, fn, enc = TEMPLATES[n % len(TEMPLATES)]
        rnd = random.Random(n)
        others = [t for t in titles if t != art["title"]]
        rnd.shuffle(others)
        paras = paragraphs(art["text"])
        page = fn(art, paras, others, rnd)
        base = os.path.join(OUT, f"{n:02d}-{name}")
        with open(base + ".html", "wb") as f:
            f.write(page.encode(enc, errors="xmlcharrefreplace"))
        with open(base + ".expected.txt", "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        with open(base + ".meta.json", "w", encoding="utf-8") as f:
            json.dump({"title": art["title"], "published": art["published"]}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
