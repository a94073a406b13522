"""The page `deckgen watch` serves: bokmål, accessible, and updated by asking /status.json
for the next version (the answer waits until something changes)."""

PAGE = """<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>deckgen watch</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; background: #fafafa; }
#status { font-weight: 600; padding: .5rem .75rem; border-radius: .3rem; background: #e8f1e8; }
#status.feil { background: #fbe4e4; }
#problemer li { margin: .3rem 0; font-family: ui-monospace, monospace; }
#problemer li[data-kind="feil"] { color: #a00000; }
#lysbilder { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
#lysbilder > li { background: #fff; border: 1px solid #ccc; border-radius: .3rem; padding: .6rem; }
#sider { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
#lysbilder img, #sider img { width: 100%; height: auto; border: 1px solid #ddd;
  display: block; margin-bottom: .4rem; }
.utdatert #lysbilder > li { opacity: .55; }
.merknad { color: #555; font-style: italic; }
h3 { font-size: 1rem; margin: .2rem 0 .4rem; }
</style>
</head>
<body>
<main id="innhold">
<h1>deckgen watch: <span id="navn"></span></h1>
<p id="status" role="status" aria-live="polite">Venter på første bygg …</p>
<section aria-labelledby="problemer-tittel">
<h2 id="problemer-tittel">Problemer</h2>
<ul id="problemer"></ul>
<p id="ingen-problemer" hidden>Ingen feil eller advarsler.</p>
</section>
<section aria-labelledby="lysbilder-tittel">
<h2 id="lysbilder-tittel">Lysbilder</h2>
<p id="miniatyrer" class="merknad"></p>
<ol id="lysbilder"></ol>
</section>
<section id="sider-del" aria-labelledby="sider-tittel" hidden>
<h2 id="sider-tittel">Sidene</h2>
<ol id="sider"></ol>
</section>
</main>
<script>
"use strict";
let version = -1;

function element(tag, text, attributes) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) made.textContent = text;
  for (const [key, value] of Object.entries(attributes || {})) made.setAttribute(key, value);
  return made;
}

function statusText(data) {
  if (data.building) return "Bygger på nytt …";
  if (data.build === 0) return "Venter på første bygg …";
  if (data.ok) return "Bygg " + data.build + " er ferdig: " + data.written.join(", ") + ".";
  if (data.slides_build > 0) {
    return "Bygg " + data.build + " stoppet med feil. Lysbildene under er fra bygg " +
      data.slides_build + " og er utdatert.";
  }
  return "Bygg " + data.build + " stoppet med feil; ingen lysbilder er bygget ennå.";
}

function thumbnailText(data) {
  if (data.thumbnails_note) return data.thumbnails_note;
  if (data.thumbnails_error) return data.thumbnails_error;
  if (data.slides_build === 0) return "";
  if (!data.thumbnails_current) {
    return data.thumbnails_build > 0
      ? "Miniatyrbildene er fra bygg " + data.thumbnails_build + "; LibreOffice tegner de nye …"
      : "LibreOffice tegner miniatyrbildene …";
  }
  return "";
}

function show(data) {
  document.getElementById("navn").textContent = data.name;
  const status = document.getElementById("status");
  status.textContent = statusText(data);
  status.className = data.ok || data.building || data.build === 0 ? "" : "feil";
  document.getElementById("innhold").className = data.outdated ? "utdatert" : "";
  const problems = document.getElementById("problemer");
  problems.replaceChildren(...data.problems.map(
    (problem) => element("li", problem.text, {"data-kind": problem.kind})));
  document.getElementById("ingen-problemer").hidden = data.problems.length > 0 || data.build === 0;
  document.getElementById("miniatyrer").textContent = thumbnailText(data);
  const slides = document.getElementById("lysbilder");
  slides.replaceChildren(...data.slides.map((slide, index) => {
    const item = element("li", null, {"data-nummer": slide.number});
    item.append(element("h3", slide.number + ". " + slide.title));
    for (const page of data.pages.filter((page) => page.slide === index)) {
      item.append(picture(data, page, page.title || slide.title));
    }
    const lines = element("ul");
    lines.append(...slide.lines.filter((line) => line).map((line) => element("li", line)));
    if (lines.children.length) item.append(lines);
    return item;
  }));
  const loose = data.pages.filter((page) => page.slide === null);
  document.getElementById("sider-del").hidden = loose.length === 0;
  document.getElementById("sider").replaceChildren(...loose.map((page) => {
    const item = element("li");
    item.append(picture(data, page, "Side " + page.number + " av " + loose.length));
    return item;
  }));
}

function picture(data, page, alt) {
  return element("img", null, {
    src: "/bilder/" + data.thumbnails_build + "/" + page.number + ".png?okt=" + data.session,
    alt: alt, width: "530", height: "298"});
}

async function poll() {
  try {
    const answer = await fetch("/status.json?etter=" + version, {cache: "no-store"});
    const data = JSON.parse(await answer.text());
    if (data.version !== version) {
      version = data.version;
      show(data);
    }
    setTimeout(poll, 0);
  } catch (error) {
    const status = document.getElementById("status");
    status.textContent = "Får ikke kontakt med deckgen watch; kjører den fortsatt?";
    status.className = "feil";
    version = -1;
    setTimeout(poll, 1000);
  }
}
poll();
</script>
</body>
</html>
"""
"""The whole page; its data comes from /status.json (WatchState.as_json)."""
