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
    var bounds = [];
    markers.forEach(function (item) {
      var marker = L.marker([item.lat, item.lon], { title: item.title, alt: item.title, keyboard: true });
      marker.addTo(map);
      if (item.target) {
        // Enter or a click on a marker moves to that place in the list beside the map.
        marker.on("click", function () {
          var target = document.getElementById(item.target);
          if (target) {
            target.scrollIntoView();
            target.focus();
          }
        });
      }
      bounds.push([item.lat, item.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], parseInt(container.getAttribute("data-map-zoom") || "13", 10));
    } else {
      map.fitBounds(bounds, { padding: [24, 24] });
    }
  });
})();
