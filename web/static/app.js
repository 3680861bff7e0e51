// Shared by the Mini App's pages: Telegram's WebApp object, the theme, and `api`, which
// sends the page's initData with every call. Text always goes in through textContent.
// The page's words come translated from the server (#words); `app.t` fills their {names}.
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

  // Dates in the page's language (English keeps the chat's "Thu 26 Nov", "November 2026").
  const english = app.lang === "en";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  function format(y, m, d, options) {
    return new Intl.DateTimeFormat(app.lang, Object.assign({ timeZone: "UTC" }, options))
      .format(new Date(Date.UTC(y, m - 1, d)));
  }

  function monthName(y, m) {
    return english ? MONTHS[m - 1] : format(y, m, 1, { month: "long" });
  }

  function monthTitle(y, m) {
    return english ? MONTHS[m - 1] + " " + y : format(y, m, 1, { month: "long", year: "numeric" });
  }

  app.dayLabel = function (iso) {
    const [y, m, d] = iso.split("-").map(Number);
    if (!english) return format(y, m, d, { weekday: "short", day: "numeric", month: "short" });
    const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    return WEEKDAYS[weekday] + " " + d + " " + MONTHS[m - 1].slice(0, 3);
  };

  function shiftMonth(month, by) {
    let [y, m] = month.split("-").map(Number);
    m += by;
    while (m < 1) { m += 12; y -= 1; }
    while (m > 12) { m -= 12; y += 1; }
    return y + "-" + String(m).padStart(2, "0");
  }

  // The day and time picker (templates/picker.html) of the client's calendar and of the
  // coach's desk: a month of days with something free, a day's times, then a confirm.
  // `spec` says where its answers come from and what a choice does:
  //   unit()            "free_times" or "free_dates": how a day's count is said
  //   month(month)      the month's days (null: the first month with something free)
  //   day(iso)          the day's times
  //   question(time, iso, zone)  the confirm's text
  //   confirm(time)     does it (a refusal puts the person back on fresh times)
  //   after()           what follows a done confirm (the page reloads what changed)
  //   say(text)         the page's notice line
  app.picker = function (spec) {
    const $ = function (id) { return document.getElementById(id); };
    const picker = { month: null, day: null, choice: null, zone: "" };

    function hideMainButton() {
      if (tg && tg.MainButton) { tg.MainButton.offClick(confirm); tg.MainButton.hide(); }
    }

    picker.open = async function (head) {
      picker.day = null;
      $("picker").hidden = false;
      $("picker-head").textContent = head;
      $("times").hidden = true;
      $("confirm").hidden = true;
      spec.say("");
      await loadMonth(null);
      app.backButton(picker.close);
      $("prev-month").focus();
    };

    picker.close = function () {
      $("picker").hidden = true;
      hideMainButton();
      app.backButton(null);
    };

    async function loadMonth(month) {
      const found = await spec.month(month);
      picker.month = found.month;
      picker.zone = found.zone;
      $("zone").textContent = app.t("Times_in", { zone: found.zone });
      const [y, m] = found.month.split("-").map(Number);
      $("month-name").textContent = monthTitle(y, m);
      const free = {};
      found.days.forEach(function (d) { free[d.date] = d.count; });
      const body = $("month-days");
      app.clear(body);
      const first = new Date(Date.UTC(y, m - 1, 1));
      const offset = (first.getUTCDay() + 6) % 7;
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      let row = app.el("tr");
      for (let i = 0; i < offset; i++) row.appendChild(app.el("td"));
      for (let d = 1; d <= days; d++) {
        const iso = found.month + "-" + String(d).padStart(2, "0");
        const cell = app.el("td");
        if (free[iso]) {
          const label = app.plural(spec.unit(), free[iso], { day: app.dayLabel(iso) });
          const button = app.el("button", String(d), { type: "button", class: "free", "aria-label": label });
          button.addEventListener("click", function () { loadDay(iso); });
          cell.appendChild(button);
        } else {
          cell.appendChild(app.el("span", String(d), { "aria-label": app.t("nothing_free", { day: app.dayLabel(iso) }) }));
        }
        row.appendChild(cell);
        if ((offset + d) % 7 === 0) { body.appendChild(row); row = app.el("tr"); }
      }
      if (row.childNodes.length) body.appendChild(row);
      if (!found.days.length) spec.say(app.t("no_free_in", { month: monthName(y, m) }));
    }

    async function loadDay(iso) {
      picker.day = iso;
      $("confirm").hidden = true;
      hideMainButton();
      const found = await spec.day(iso);
      $("times").hidden = false;
      $("times-head").textContent = app.t("pick_time", { day: app.dayLabel(iso), zone: found.zone });
      const box = $("time-buttons");
      app.clear(box);
      if (!found.times.length) {
        box.appendChild(app.el("p", app.t("nothing_that_day")));
      }
      found.times.forEach(function (time) {
        let text = time.label;
        if (time.seats_left !== undefined) text += " · " + app.plural("seats_left", time.seats_left);
        const button = app.el("button", text, {
          type: "button", "aria-label": app.t("time_label", { time: time.label, day: app.dayLabel(iso) }),
        });
        button.addEventListener("click", function () { pick(time, iso); });
        box.appendChild(button);
      });
      const firstButton = box.querySelector("button");
      if (firstButton) firstButton.focus();
      app.backButton(function () { $("times").hidden = true; app.backButton(picker.close); });
    }

    function pick(time, iso) {
      picker.choice = time;
      $("confirm-text").textContent = spec.question(time, iso, picker.zone);
      $("confirm").hidden = false;
      $("confirm-button").focus();
      if (tg && tg.MainButton) {
        tg.MainButton.setText(app.t("confirm"));
        tg.MainButton.onClick(confirm);
        tg.MainButton.show();
      }
      app.backButton(function () { loadDay(iso); });
    }

    async function confirm() {
      hideMainButton();
      $("confirm-button").disabled = true;
      try {
        await spec.confirm(picker.choice);
        picker.close();
        await spec.after();
      } catch (error) {
        if (!error.refused) throw error;
        spec.say(error.message);
        await loadMonth(picker.month);
        if (picker.day) await loadDay(picker.day);
      } finally {
        $("confirm-button").disabled = false;
      }
    }

    loadDay = app.guarded(loadDay);
    confirm = app.guarded(confirm);
    $("prev-month").addEventListener("click", app.guarded(function () { return loadMonth(shiftMonth(picker.month, -1)); }));
    $("next-month").addEventListener("click", app.guarded(function () { return loadMonth(shiftMonth(picker.month, 1)); }));
    $("confirm-button").addEventListener("click", confirm);
    $("back-button").addEventListener("click", function () { loadDay(picker.day); });
    picker.open = app.guarded(picker.open);
    return picker;
  };

  if (tg) {
    applyTheme(tg.themeParams);
    if (tg.onEvent) tg.onEvent("themeChanged", function () { applyTheme(tg.themeParams); });
    tg.ready();
    if (tg.expand) tg.expand();
  }
  window.MiniApp = app;
})();
