// The day and time picker of the client's calendar and of the coach's desk (one piece for
// both, over templates/picker.html), and the page's dates in its language. Loaded after
// app.js; adds `app.picker` and `app.dayLabel`.
"use strict";
(function () {
  const app = window.MiniApp;
  const tg = app.tg;

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
    const $ = app.$;
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
})();
