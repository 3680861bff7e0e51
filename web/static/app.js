// Shared by the Mini App's pages: Telegram's WebApp object, the theme, and `api`, which
// sends the page's initData with every call. Text always goes in through textContent.
// The page's words come translated from the server (#words); `app.t` fills their {names}.
// `app.$` finds an element by id and `app.say` writes the page's notice line.
"use strict";
(function () {
  const tg = window.Telegram && window.Telegram.WebApp;
  const wordsNode = document.getElementById("words");
  const app = {
    tg: tg,
    initData: tg ? tg.initData : "",
    lang: document.documentElement.lang || "en",
    words: wordsNode ? JSON.parse(wordsNode.textContent) : {},
  };

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // The page's sentence `key` with its {names} filled from `values`.
  app.t = function (key, values) {
    const text = app.words[key];
    return fill(text === undefined ? key : text, values);
  };

  // The plural sentence `key` for `count` ({count} filled), by the language's plural rules.
  app.plural = function (key, count, values) {
    const forms = app.words[key] || {};
    let category = "other";
    try { category = new Intl.PluralRules(app.lang).select(count); } catch (ignored) { /* other */ }
    const text = forms[category] || forms.other || forms.many || key;
    return fill(text, Object.assign({ count: count }, values || {}));
  };

  // The API answers in the person's language: a page shown in another one is reloaded in it
  // (once: the address then asks for that language).
  function follow(language) {
    if (!language || language === app.lang) return false;
    const url = new URL(window.location.href);
    if (url.searchParams.get("lang") === language) return false;
    url.searchParams.set("lang", language);
    window.location.replace(url.toString());
    return true;
  }

  function applyTheme(params) {
    const root = document.documentElement.style;
    const names = {
      bg_color: "--bg", text_color: "--text", hint_color: "--hint", link_color: "--link",
      button_color: "--button", button_text_color: "--button-text",
      secondary_bg_color: "--secondary-bg",
    };
    Object.keys(names).forEach(function (key) {
      if (params && typeof params[key] === "string" && /^#[0-9a-fA-F]{3,8}$/.test(params[key])) {
        root.setProperty(names[key], params[key]);
      }
    });
  }

  // The page's element with the id `id`.
  app.$ = function (id) { return document.getElementById(id); };

  // `text` on the page's notice line (#notice, a status: read out when it changes); none
  // empties it.
  app.say = function (text) { app.$("notice").textContent = text || ""; };

  app.el = function (tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  };

  app.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  };

  app.showError = function (text) {
    const box = document.getElementById("error");
    box.textContent = text;
    box.hidden = !text;
  };

  app.api = async function (path, body) {
    const options = { headers: { Authorization: "tma " + app.initData } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const answer = await fetch(path, options);
    if (follow(answer.headers.get("content-language"))) {
      return new Promise(function () { /* the page is being replaced */ });
    }
    if (answer.status === 401) {
      throw new Error(app.t("reopen"));
    }
    if (answer.status === 404) {
      throw new Error(app.t("unavailable"));
    }
    if (answer.status === 409) {
      const refused = await answer.json();
      const error = new Error(refused.refusal);
      error.refused = true;
      throw error;
    }
    if (!answer.ok) throw new Error(app.t("failed"));
    const type = answer.headers.get("content-type") || "";
    return type.indexOf("application/json") === 0 ? answer.json() : answer.text();
  };

  app.backButton = function (onBack) {
    if (!tg || !tg.BackButton) return;
    if (onBack) {
      tg.BackButton.onClick(onBack);
      tg.BackButton.show();
    } else {
      tg.BackButton.hide();
    }
  };

  // `run` as an event handler: a refusal (the chat's words) goes to `refused` when given,
  // any other failure to the page's error line.
  app.guarded = function (run, refused) {
    return function () {
      return Promise.resolve(run.apply(null, arguments)).catch(function (error) {
        if (error.refused && refused) { refused(error.message); return; }
        app.showError(error.message);
      });
    };
  };

  // Yes or no to `question`: Telegram's own dialog where there is one.
  app.ask = function (question) {
    if (tg && tg.showConfirm) {
      return new Promise(function (resolve) { tg.showConfirm(question, resolve); });
    }
    return Promise.resolve(window.confirm(question));
  };

  if (tg) {
    applyTheme(tg.themeParams);
    if (tg.onEvent) tg.onEvent("themeChanged", function () { applyTheme(tg.themeParams); });
    tg.ready();
    if (tg.expand) tg.expand();
  }
  window.MiniApp = app;
})();
