#!/usr/bin/env python3
"""Splits the polygons of a GeoJSON file where they cross the antimeridian (longitude ±180), in place.

world-atlas keeps rings that cross ±180 as one ring whose longitude jumps from 180 to -180 (Russia's Chukotka,
Fiji, Antarctica). d3 draws them on a sphere; Leaflet draws them on a plane, where such a jump is an edge
across the whole map: the horizontal stripes the map used to show. Here every crossing ends the ring at the
edge it leaves and starts a new ring at the edge it enters, so each piece lies within [-180, 180]:
- a ring that crosses an even number of times becomes one polygon per side, each closed along the edge;
- a ring that crosses once goes round a pole (Antarctica): it is closed along the edges and the pole.
Holes that cross are refused (none in Natural Earth 1:110m). Coordinates keep two decimals (0.01°).

Usage: tools/map/split_antimeridian.py src/main/resources/web/world-110m.geojson
Running it again changes nothing (no ring crosses any more).
"""
import json
import sys


def crossing(a, b):
    """(edge the segment leaves, latitude where it crosses) for a segment a->b whose longitude jumps over 180°."""
    edge = 180.0 if a[0] > 0 else -180.0
    bx = b[0] + 360.0 if a[0] > 0 else b[0] - 360.0  # b seen from a's side
    t = 0.0 if bx == a[0] else (edge - a[0]) / (bx - a[0])
    return edge, round(a[1] + t * (b[1] - a[1]), 2)


def split_ring(ring):
    """The pieces of a closed ring, cut at every crossing; returns (pieces, number of crossings)."""
    pieces = [[ring[0]]]
    crossings = 0
    for a, b in zip(ring, ring[1:]):
        if abs(a[0] - b[0]) > 180:
            crossings += 1
            edge, lat = crossing(a, b)
            if pieces[-1][-1] != [edge, lat]:
                pieces[-1].append([edge, lat])
            pieces.append([[-edge, lat]])
        if pieces[-1][-1] != b:
            pieces[-1].append(b)
    return pieces, crossings


def close(points):
    return points + [points[0]] if points[0] != points[-1] else points


def has_area(ring):
    return len({p[0] for p in ring}) > 1 and len({p[1] for p in ring}) > 1 and len(ring) >= 4


def split_polygon(polygon):
    """One polygon (outer ring, holes) as a list of polygons that do not cross the antimeridian."""
    outer, holes = polygon[0], polygon[1:]
    for hole in holes:
        if split_ring(hole)[1]:
            raise ValueError(f"a hole crosses the antimeridian near {hole[0]}: not supported")
    pieces, crossings = split_ring(outer)
    if crossings == 0:
        return [polygon]
    if holes:
        raise ValueError(f"a polygon with holes crosses the antimeridian near {outer[0]}: not supported")
    # The ring's start lies inside the last piece: join the last piece and the first.
    joined = pieces[-1] + pieces[0][1:] if pieces[-1][-1] == pieces[0][0] else pieces[-1] + pieces[0]
    pieces = [joined] + pieces[1:-1]
    if crossings % 2 == 1:
        # Round a pole: from the edge it ends at, along that edge to the pole, across (through longitude 0, so no
        # edge spans more than 180°), and back up the other edge.
        ring = pieces[0]
        pole = -90.0 if sum(p[1] for p in ring) < 0 else 90.0
        pieces = [ring + [[ring[-1][0], pole], [0.0, pole], [ring[0][0], pole]]] + pieces[1:]
    return [[close(p)] for p in pieces if has_area(close(p))]


def split_geometry(geometry):
    if geometry is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = [piece for polygon in polygons for piece in split_polygon(polygon)]
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for feature in data["features"]:
        feature["geometry"] = split_geometry(feature["geometry"])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"), ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: split_antimeridian.py FILE.geojson")
    main(sys.argv[1])
