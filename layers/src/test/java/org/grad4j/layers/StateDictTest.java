package org.grad4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class StateDictTest {
  /** Conv2d, a module with a buffer, and a Conv2d without bias. */
  static Sequential model(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(
        Conv2d.builder(1, 4, 3).padding(1).build(rng),
        new ChannelShift(4),
        Conv2d.builder(4, 2, 3).bias(false).build(rng));
  }

  /** A copy of every value of the module's state, by name. */
  static Map<String, List<Double>> snapshot(Module m) {
    return snapshot(m.stateDict());
  }

  /** A copy of every value of {@code state}, by name; equal snapshots are equal bit for bit. */
  static Map<String, List<Double>> snapshot(Map<String, Tensor> state) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    state.forEach((name, t) -> out.put(name, List.of(box(t.toArray()))));
    return out;
  }

  private static Double[] box(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  void namesParametersAndBuffersInPyTorchOrderAndSharesTheirTensors() {
    Sequential net = model(1);
    Map<String, Tensor> state = net.stateDict();
    assertEquals(
        List.of("0.weight", "0.bias", "1.weight", "1.running_mean", "2.weight"),
        List.copyOf(state.keySet()));
    assertSame(net.namedParameters().get("0.weight").data(), state.get("0.weight"));
    assertSame(net.namedBuffers().get("1.running_mean"), state.get("1.running_mean"));
    assertThrows(UnsupportedOperationException.class, () -> state.remove("0.weight"));
  }

  @Test
  void loadStateDictCopiesValuesIntoTheExistingTensors() {
    Sequential target = model(1);
    Sequential source = model(2);
    source.namedBuffers().get("1.running_mean").copyFromInPlace(Tensor.full(0.5, 4, 1, 1));
    Tensor weight = target.stateDict().get("0.weight");
    target.loadStateDict(source.stateDict());
    assertSame(weight, target.stateDict().get("0.weight"));
    assertEquals(snapshot(source), snapshot(target));
    assertArrayEquals(
        new double[] {0.5, 0.5, 0.5, 0.5}, target.namedBuffers().get("1.running_mean").toArray());
  }

  @Test
  void everyProblemIsReportedAtOnceAndNothingIsLoaded() {
    Sequential target = model(1);
    Map<String, List<Double>> before = snapshot(target);
    Map<String, Tensor> state = new LinkedHashMap<>(model(2).stateDict());
    state.remove("0.bias");
    state.remove("1.running_mean");
    state.put("3.weight", Tensor.zeros(1));
    state.put("2.weight", Tensor.zeros(2, 4, 1, 1));
    state.put("1.weight", null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state));
    String message = e.getMessage();
    assertTrue(message.startsWith("Sequential.loadStateDict: nothing was loaded"), message);
    assertTrue(message.contains("missing keys [0.bias, 1.running_mean]"), message);
    assertTrue(message.contains("unexpected keys [3.weight]"), message);
    assertTrue(
        message.contains("shape mismatch for '2.weight': expected (2,4,3,3), found (2,4,1,1)"),
        message);
    assertTrue(
        message.contains("shape mismatch for '1.weight': expected (4,1,1), found null"), message);
    assertEquals(before, snapshot(target));
  }

  @Test
  void aModuleWithoutStateAcceptsOnlyAnEmptyMap() {
    Sequential empty = new Sequential();
    assertEquals(Map.of(), empty.stateDict());
    empty.loadStateDict(Map.of());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> empty.loadStateDict(Map.of("w", Tensor.zeros(1))));
    assertTrue(e.getMessage().contains("unexpected keys [w]"), e.getMessage());
  }
}
