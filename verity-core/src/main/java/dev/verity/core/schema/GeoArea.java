package dev.verity.core.schema;

/** An area on the Earth: a polygon or a circle (launch and impact areas, incident positions). */
public sealed interface GeoArea extends GeoShape permits GeoPolygon, GeoCircle {}
