// Maps of event places (event page, calendar map view): progressive enhancement only.
// Without this file, Leaflet or the tile server the pages still list every place with its
// address and a link to a map service. Markers come from a <script type="application/json">
// named by data-map-markers (no inline script: the CSP allows scripts from 'self' only).
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  var containers = document.querySelectorAll("[data-map-markers]");
  Array.prototype.forEach.call(containers, function (container) {
    var source = document.getElementById(container.getAttribute("data-map-markers"));
    var markers = source ? JSON.parse(source.textContent) : [];
    if (!markers.length || !container.getAttribute("data-map-tiles")) {
      return;
    }
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", container.getAttribute("data-map-label") || "Map");
    container.classList.add("place-map--active");
    // keyboard: the map pans with the arrow keys and zooms with +/-; markers are in the tab order.
    var map = L.map(container, { keyboard: true, scrollWheelZoom: false });
    L.tileLayer(container.getAttribute("data-map-tiles"), {
      attribution: container.getAttribute("data-map-attribution") || "",
      maxZoom: 18,
    }).addTo(map);
    // Markers closer than this on screen are drawn as one numbered group (WCAG 2.5.8: every
    // target at least 24 px with room around it); a group zooms in on its places when chosen.
    var GROUP_PX = 40;
    var layer = L.layerGroup().addTo(map);
    var clusterLabel = container.getAttribute("data-map-cluster-label") || "%(count)s: %(names)s";

    function goToPlace(item) {
      var target = item.target && document.getElementById(item.target);
      if (target) {
        target.scrollIntoView();
        target.focus();
      }
    }

    // Leaflet makes keyboard markers focusable buttons but only a click activates them.
    function addActivatable(marker) {
      marker.on("add", function () {
        marker.getElement().addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            marker.fire("click");
          }
        });
      });
      layer.addLayer(marker);
    }

    function addPlace(item) {
      var marker = L.marker([item.lat, item.lon], { title: item.title, alt: item.title, keyboard: true });
      // Enter or a click on a marker moves to that place in the list beside the map.
      marker.on("click", function () {
        goToPlace(item);
      });
      addActivatable(marker);
    }

    function addGroup(items) {
      var names = items.map(function (item) { return item.title; }).join(", ");
      var label = clusterLabel.replace("%(count)s", items.length).replace("%(names)s", names);
      var area = L.latLngBounds(items.map(function (item) { return [item.lat, item.lon]; }));
      var icon = L.divIcon({ className: "map-group", html: "<span>" + items.length + "</span>", iconSize: [36, 36] });
      var marker = L.marker(area.getCenter(), { icon: icon, title: label, alt: label, keyboard: true });
      marker.on("click", function () {
        var zoom = Math.min(map.getBoundsZoom(area, false, L.point(48, 48)), map.getMaxZoom());
        if (zoom > map.getZoom()) {
          map.fitBounds(area, { padding: [48, 48] });
        } else {
          goToPlace(items[0]); // cannot be told apart on the map: go to the list
        }
      });
      addActivatable(marker);
    }

    function draw() {
      container.setAttribute("data-zoom", map.getZoom());
      layer.clearLayers();
      var groups = [];
      markers.forEach(function (item) {
        var point = map.latLngToContainerPoint([item.lat, item.lon]);
        var group = groups.filter(function (g) { return g.point.distanceTo(point) < GROUP_PX; })[0];
        if (group) {
          group.items.push(item);
        } else {
          groups.push({ point: point, items: [item] });
        }
      });
      // Single places first: their order in the tab sequence follows the list's.
      groups.filter(function (g) { return g.items.length === 1; }).forEach(function (g) { addPlace(g.items[0]); });
      groups.filter(function (g) { return g.items.length > 1; }).forEach(function (g) { addGroup(g.items); });
    }

    var bounds = markers.map(function (item) { return [item.lat, item.lon]; });
    if (bounds.length === 1) {
      map.setView(bounds[0], parseInt(container.getAttribute("data-map-zoom") || "13", 10));
    } else {
      map.fitBounds(bounds, { padding: [24, 24] });
    }
    draw();
    map.on("zoomend", draw);
  });
})();
