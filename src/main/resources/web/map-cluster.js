// Grouping of map points into clusters by a pixel grid at the current zoom: points whose screen positions
// fall in the same cell become one marker with a count, which zooms in when chosen. No plugin: the
// Leaflet.markercluster WebJar is not served by the Maven registry this project builds from.

/** Side of a grid cell in screen pixels: markers closer than this would overlap. */
export const CELL_PX = 48;

/**
 * Groups points by the grid cell their projected position falls in.
 * @param points  [{lat, lon, ...}]
 * @param project (point) => {x, y} in pixels at the zoom being drawn
 * @returns [{points, lat, lon}] where lat/lon is the mean position of the group's points
 */
export function clusterByGrid(points, project, cellPx = CELL_PX) {
  const cells = new Map();
  for (const point of points) {
    const { x, y } = project(point);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(point);
  }
  return [...cells.values()].map((group) => ({
    points: group,
    lat: group.reduce((sum, p) => sum + p.lat, 0) / group.length,
    lon: group.reduce((sum, p) => sum + p.lon, 0) / group.length,
  }));
}

/** Whether every point of a group sits at the same place (zooming in would never separate them). */
export function samePlace(group) {
  const first = group[0];
  return group.every((p) => Math.abs(p.lat - first.lat) < 1e-6 && Math.abs(p.lon - first.lon) < 1e-6);
}
