package dev.verity.core.replay;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the evaluator's fuzz targets share: choices read from bytes, verdicts and prefixes. */
public final class Fuzzing {
  private Fuzzing() {}

  /**
   * The fuzzer's bytes read as choices, one after the other: a byte picks one of up to 256
   * options; two make a number. Reading stops the sequence when the bytes run out, so every
   * input is some sequence and the seeds are easy to write by hand.
   */
  public static final class Choices {
    private final byte[] b;
    private int at;

    public Choices(byte[] b) {
      this.b = b;
    }

    public boolean more() {
      return at < b.length;
    }

    public int next(int n) {
      return at < b.length ? (b[at++] & 0xff) % n : 0;
    }

    public int number(int max) {
      return (next(256) << 8 | next(256)) % max;
    }

    public String pick(String[] xs) {
      return xs[next(xs.length)];
    }
  }

  /** Each step's verdict: accepted, or the kind and rule that refused it. */
  public static Map<Integer, String> verdicts(Replay.Result r) {
    Map<Integer, String> out = new TreeMap<>();
    r.accepted().forEach(i -> out.put(i, "accepted"));
    r.refused().forEach(x -> out.put(x.index(), x.refusal().label() + " " + x.rule()));
    return out;
  }

  /** The verdicts of the steps before {@code k}. */
  public static Map<Integer, String> restrict(Map<Integer, String> all, int k) {
    return all.entrySet().stream().filter(e -> e.getKey() < k).collect(Collectors.toMap(
        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }
}
