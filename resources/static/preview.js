// The live preview's half of the article desk.
//
// The desk renders the Markdown per block and sends only what changed, so a
// keystroke in a 10,000-word article touches one element instead of
// re-rendering the page: the reader's scroll position, images already
// decoded and the video facades all stay where they were.
//
// Messages from the desk:
//   wsPatch({seq, order, html})  order: every block id in document order (sent
//                                only when the set or order of blocks changed);
//                                html: {id: innerHTML} for new or changed blocks
//   wsChrome(pageHtml)           replace everything around #ws-body (headline,
//                                dek, lead photo, byline) after a metadata edit
//   wsReveal(id)                 bring the block under the caret into view
//   wsScheme("dark"|"light")     show the page in the app's colour scheme
// Every patch is acknowledged with a console message "ws:patched:<seq>".
(function () {
  "use strict";

  function body() {
    return document.getElementById("ws-body");
  }

  function blockMap(container) {
    const map = new Map();
    for (const el of container.children) {
      if (el.dataset && el.dataset.block !== undefined) {
        map.set(el.dataset.block, el);
      }
    }
    return map;
  }

  function makeBlock(id, html) {
    const el = document.createElement("div");
    el.className = "ws-block";
    el.dataset.block = id;
    el.innerHTML = html;
    return el;
  }

  function acknowledge(seq) {
    document.documentElement.dataset.wsSeq = String(seq);
    console.log("ws:patched:" + seq);
  }

  window.wsPatch = function (msg) {
    const container = body();
    if (!container) {
      return;
    }
    const existing = blockMap(container);
    const html = msg.html || {};
    if (!msg.order) {
      for (const id of Object.keys(html)) {
        const old = existing.get(id);
        if (old) {
          old.innerHTML = html[id];
        }
      }
      acknowledge(msg.seq);
      return;
    }
    const wanted = new Set(msg.order);
    for (const [id, el] of existing) {
      if (!wanted.has(id)) {
        el.remove();
        existing.delete(id);
      }
    }
    let cursor = container.firstElementChild;
    for (const id of msg.order) {
      let el = existing.get(id);
      if (el && Object.prototype.hasOwnProperty.call(html, id)) {
        el.innerHTML = html[id];
      } else if (!el) {
        el = makeBlock(id, html[id] || "");
      }
      if (el !== cursor) {
        container.insertBefore(el, cursor);
      } else {
        cursor = cursor.nextElementSibling;
      }
    }
    acknowledge(msg.seq);
  };

  window.wsChrome = function (pageHtml) {
    const fresh = new DOMParser().parseFromString(pageHtml, "text/html");
    const current = body();
    const placeholder = fresh.getElementById("ws-body");
    if (!current || !placeholder) {
      document.open();
      document.write(pageHtml);
      document.close();
      return;
    }
    const x = window.scrollX;
    const y = window.scrollY;
    const slot = fresh.createElement("div");
    placeholder.replaceWith(slot);
    current.remove();
    document.body.replaceWith(document.adoptNode(fresh.body));
    slot.replaceWith(current);
    document.title = fresh.title;
    window.scrollTo(x, y);
    console.log("ws:chrome");
  };

  window.wsReveal = function (id) {
    const container = body();
    if (!container) {
      return;
    }
    const el = container.querySelector('[data-block="' + CSS.escape(id) + '"]');
    if (!el) {
      return;
    }
    // The wrappers are display: contents (they have no box of their own), so
    // measure what they hold.
    const range = document.createRange();
    range.selectNodeContents(el);
    const box = range.getBoundingClientRect();
    const margin = window.innerHeight * 0.15;
    if (box.top < margin || box.bottom > window.innerHeight - margin) {
      window.scrollBy(0, box.top - window.innerHeight / 3);
    }
  };

  // Phones draw their scrollbars over the page: in phone mode the page gets
  // the full 390 px to lay itself out in, as it would on the phone.
  window.wsPhone = function (on) {
    if (!document.getElementById("ws-phone-style")) {
      const style = document.createElement("style");
      style.id = "ws-phone-style";
      style.textContent = "html.ws-phone{scrollbar-width:none}";
      document.head.appendChild(style);
    }
    document.documentElement.classList.toggle("ws-phone", Boolean(on));
  };

  // The exported stylesheet follows prefers-color-scheme, which Chromium
  // takes from the desktop once at start-up; the app's own Light / Dark
  // choice can differ and change at any time. So the desk names the scheme
  // and the page's dark rules are switched on or off to match, as they would
  // be for a reader whose system has that scheme.
  const DARK_QUERY = /prefers-color-scheme:\s*dark/;

  function darkRules() {
    const rules = [];
    for (const sheet of document.styleSheets) {
      let list;
      try {
        list = sheet.cssRules;
      } catch (error) {
        continue;
      }
      for (const rule of list) {
        if (rule.media === undefined) {
          continue;
        }
        if (rule.wsQuery === undefined) {
          rule.wsQuery = rule.media.mediaText;
        }
        if (DARK_QUERY.test(rule.wsQuery)) {
          rules.push(rule);
        }
      }
    }
    return rules;
  }

  window.wsScheme = function (scheme) {
    const dark = scheme === "dark";
    window.wsSchemeWanted = scheme;
    for (const rule of darkRules()) {
      rule.media.mediaText = dark ? "all" : "not all";
    }
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
    document.documentElement.dataset.wsScheme = dark ? "dark" : "light";
  };

  if (window.wsSchemeWanted) {
    window.wsScheme(window.wsSchemeWanted);
  }

  // A click on a link must not navigate the preview away from the article.
  document.addEventListener(
    "click",
    function (event) {
      const link = event.target.closest ? event.target.closest("a[href]") : null;
      if (link && !link.getAttribute("href").startsWith("#")) {
        event.preventDefault();
      }
    },
    true
  );

  // Keep the reading position across a full reload of the same article's
  // page. Pages are named article-<article>-<load>.html, so the position is
  // kept per article and a newly opened one starts at its top.
  const place = "wsScroll:" + location.pathname.replace(/-\d+\.html$/, "");
  window.addEventListener("scroll", function () {
    sessionStorage.setItem(place, String(window.scrollY));
  });
  window.addEventListener("load", function () {
    const y = Number(sessionStorage.getItem(place) || "0");
    if (y > 0) {
      window.scrollTo(0, y);
    }
  });
})();
