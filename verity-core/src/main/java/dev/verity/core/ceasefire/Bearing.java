package dev.verity.core.ceasefire;

/**
 * A direction on the 16-point compass rose, as the SMM gave directions ("3-6km south-east";
 * "from west to east").
 */
public enum Bearing {
  N, NNE, NE, ENE, E, ESE, SE, SSE, S, SSW, SW, WSW, W, WNW, NW, NNW;

  /** The bearing in degrees clockwise from north. */
  public double degrees() {
    return ordinal() * 22.5;
  }
}
