// The coach's week on a time grid: a column per day (Monday to Sunday, its label on top),
// an hour per 60 px from the earliest to the latest hour with an item (at least 8:00 to
// 18:00), each item a block from its start to its end as the API gives them (minutes since
// midnight in the coach's zone: no zones here); items that overlap share the width side by
// side. An item past midnight comes again on the next day from 00:00 (the API lists it
// there under `continued`): the same node, marked, and when its start shows in the same
// week, for the eye only (out of the tab order, hidden from screen readers: its start block
// is the one to reach). Loaded after app.js; adds `app.weekGrid`.
"use strict";
(function () {
  const app = window.MiniApp;
  const DAY = 24 * 60;
  const SHORTEST = 15; // minutes: a block stays tall enough to see and press

  // Draws the week `found` (GET /api/desk/week, with items) into `grid`, each session and
  // group date as the <li> `nodes.session(s)` / `nodes.date(d)` make; then scrolls a narrow
  // screen to the first day with an item.
  app.weekGrid = function (grid, found, nodes) {
    const items = {};
    const started = {};
    found.days.forEach(function (day) {
      day.sessions.forEach(function (s) { started["s" + s.id] = true; });
      day.dates.forEach(function (d) { started["d" + d.occurrence] = true; });
    });
    found.days.forEach(function (day) {
      const continued = day.continued;
      items[day.date] = day.sessions.map(function (s) { return block(s, nodes.session(s)); })
        .concat(day.dates.map(function (d) { return block(d, nodes.date(d)); }))
        .concat(continued.sessions.map(function (s) {
          return block(s, goesOn(nodes.session(s), started["s" + s.id]));
        }))
        .concat(continued.dates.map(function (d) {
          return block(d, goesOn(nodes.date(d), started["d" + d.occurrence]));
        }));
    });
    const hours = hourSpan(found.days);
    grid.appendChild(hourColumn(hours));
    found.week_days.forEach(function (day) {
      grid.appendChild(dayColumn(day, items[day.date] || [], hours));
    });
    const first = document.getElementById("day-" + found.days[0].date).parentNode;
    grid.parentNode.scrollLeft = first.offsetLeft - grid.firstChild.offsetWidth;
  };

  function goesOn(node, echo) {
    node.classList.add("continued");
    if (echo) {
      node.setAttribute("aria-hidden", "true");
      node.querySelectorAll("button").forEach(function (b) { b.tabIndex = -1; });
    }
    return node;
  }

  function allOf(day) {
    return day.sessions.concat(day.dates, day.continued.sessions, day.continued.dates);
  }

  function block(item, node) {
    const to = Math.max(item.end_minute, item.start_minute + SHORTEST);
    return { from: item.start_minute, to: to, node: node };
  }

  function hourSpan(days) {
    let first = 8;
    let last = 18;
    days.forEach(function (day) {
      allOf(day).forEach(function (item) {
        first = Math.min(first, Math.floor(item.start_minute / 60));
        last = Math.max(last, Math.ceil(Math.min(item.end_minute, DAY) / 60));
      });
    });
    return { first: first, last: last };
  }

  function offset(minute, hours) { return (minute - hours.first * 60) + "px"; }

  // The hours down the left edge (the blocks say their own times to screen readers).
  function hourColumn(hours) {
    const column = app.el("div", null, { class: "hours", "aria-hidden": "true" });
    column.appendChild(app.el("div", null, { class: "day-head" }));
    const body = app.el("div", null, { class: "day-body" });
    body.style.height = offset(hours.last * 60, hours);
    for (let hour = hours.first; hour <= hours.last; hour += 1) {
      const label = app.el("span", String(hour).padStart(2, "0") + ":00");
      label.style.top = offset(hour * 60, hours);
      body.appendChild(label);
    }
    column.appendChild(body);
    return column;
  }

  // A day, a group named by its label: its blocks in time order, so the tab order is too.
  function dayColumn(day, items, hours) {
    const id = "day-" + day.date;
    const column = app.el("div", null, { class: "day", role: "group", "aria-labelledby": id });
    column.appendChild(app.el("h3", day.label, { class: "day-head", id: id }));
    const list = app.el("ul", null, { class: "day-body" });
    list.style.height = offset(hours.last * 60, hours);
    items.sort(function (a, b) { return a.from - b.from || a.to - b.to; });
    lanes(items).forEach(function (item) {
      const node = item.node;
      node.style.top = offset(item.from, hours);
      node.style.height = (Math.min(item.to, DAY) - item.from) + "px";
      node.style.left = (100 * item.lane / item.lanes) + "%";
      node.style.width = (100 / item.lanes) + "%";
      list.appendChild(node);
    });
    column.appendChild(list);
    return column;
  }

  // Each item's lane among those it overlaps (the first lane free at its start), and how
  // many lanes its cluster of overlapping items uses: they share the day's width.
  function lanes(items) {
    let cluster = [];
    let ends = [];
    let clusterEnd = -1;
    function close() { cluster.forEach(function (item) { item.lanes = ends.length; }); }
    items.forEach(function (item) {
      if (item.from >= clusterEnd) { close(); cluster = []; ends = []; }
      let lane = ends.findIndex(function (end) { return end <= item.from; });
      if (lane < 0) lane = ends.length;
      ends[lane] = item.to;
      item.lane = lane;
      cluster.push(item);
      clusterEnd = Math.max(clusterEnd, item.to);
    });
    close();
    return items;
  }
})();
