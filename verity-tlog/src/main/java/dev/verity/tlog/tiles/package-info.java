/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the paths of hash tiles and entry bundles, full
 * and partial ({@link dev.verity.tlog.tiles.TilePath}), their byte formats ({@link
 * dev.verity.tlog.tiles.HashTile}, {@link dev.verity.tlog.tiles.EntryBundle}), parsed strictly, and
 * a {@link dev.verity.tlog.merkle.HashReader} over stored tiles ({@link
 * dev.verity.tlog.tiles.TileHashReader}) that rebuilds the seven Merkle levels between two tile
 * levels on demand.
 */
package dev.verity.tlog.tiles;
