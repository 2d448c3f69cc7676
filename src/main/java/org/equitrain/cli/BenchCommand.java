package org.equitrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.equitrain.cli.bench.CohortStepBenchmark;
import org.equitrain.cli.bench.ExternalAnchor;
import org.equitrain.cli.bench.FormlStepBenchmarks;
import org.equitrain.cli.bench.GemmBenchmark;
import org.equitrain.cli.bench.Measurement;
import org.equitrain.cli.bench.MpeBenchmarks;
import org.equitrain.cli.bench.PleBenchmarks;
import org.equitrain.cli.bench.TrainingStepBenchmarks;
import org.equitrain.io.AtomicFiles;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.report.Provenance;
import org.equitrain.tensor.Gemm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equitrain bench}: measures equitrain against its anchors in one run and prints each ratio. The libtorch
 * anchor is present only when the launcher runs with the Maven {@code bench} profile's classpath.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark equitrain against its anchors (BLAS, libtorch) and print the ratios.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--warmup", description = "Minimum warm-up seconds per benchmark; it goes on while the speed still "
            + "improves (default: ${DEFAULT-VALUE}).")
    double warmup = 3;

    @Option(names = "--samples", description = "Timed samples per benchmark; the median is reported (default: ${DEFAULT-VALUE}).")
    int samples = 9;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--only", split = ",", paramLabel = "GROUP",
            description = "Run only these groups: gemm, mlp, logistic, mpe, ple, forml, rdml (default: all).")
    Set<String> only = Set.of();

    private final List<ObjectNode> rows = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "equitrain %s, Java %s, BLAS %s, %d cores, %s%n",
                Provenance.detectedEquitrainVersion(), System.getProperty("java.version"), Gemm.implementation(),
                Runtime.getRuntime().availableProcessors(), LocalDate.now());
        if (wants("gemm")) {
            for (int n : new int[] {512, 1024}) {
                GemmBenchmark.Result m = GemmBenchmark.run(n, warmup, samples);
                report("gemm-f32-" + n, m.workspace(), m.anchor(), "anchor/equitrain time, target >= 0.95");
                report("gemm-f32-" + n + "-fresh", m.fresh(), m.anchorAllocating(),
                        "without a workspace: anchor allocating its output/equitrain time, >= 0.95");
            }
        }
        if (wants("mlp")) {
            mlpStep();
        }
        if (wants("logistic")) {
            report("logistic-step", TrainingStepBenchmarks.logisticStep(warmup, samples), null, "µs per step");
        }
        if (wants("mpe")) {
            MpeBenchmarks.Result mpe = MpeBenchmarks.run(Math.min(warmup, 1), Math.min(samples, 5));
            report("mpe-sensitivity", mpe.diagonal(), mpe.epoch(),
                    "sensitivities+LOO for all N / one epoch, target <= 2.0");
            report("mpe-kfac", mpe.kfac(), mpe.epoch(), "K-FAC fit+sensitivities / one epoch");
            report("mpe-vs-retrain", mpe.diagonal(), mpe.bruteForce(), "vs N retrains; speed-up = 1/ratio");
        }
        if (wants("ple")) {
            int[] draws = {1, 2};
            Measurement[] ple = PleBenchmarks.run(draws, warmup, samples);
            for (int k = 0; k < draws.length; k++) {
                report("ple-step-M" + draws[k], ple[k + 1], ple[0],
                        "PLE/MLE time per epoch, same H and affine flow, B = 2048, target <= 3.0");
            }
            for (int k = 0; k < draws.length; k++) {
                Measurement control = ple[draws.length + k + 1];
                report("ple-control-" + (1 + draws[k]) + "-sets", control, ple[0], "control: MLE step on "
                        + (1 + draws[k]) + " constant sets through H / on one (PLE's H arithmetic, no sampling)");
                report("ple-step-M" + draws[k] + "-vs-control", ple[k + 1], control,
                        "PLE step / that control: what sampling, penalty and input gradients add");
            }
        }
        if (wants("forml")) {
            formlStep("forml-step-tabular", "MLP 20-128-64-2, batch 512, held-out 128", new int[] {20, 128, 64, 2},
                    512, 128);
            formlStep("forml-step-mnist", "MLP 784-256-10, batch 128, held-out 32", new int[] {784, 256, 10}, 128,
                    32);
        }
        if (wants("rdml")) {
            cohortStep("rdml-step", "MLP 784-256-10", () -> Mlp.of(784, 256, 10));
            cohortStep("rdml-lenet5-step", "LeNet-5", LeNet5::new);
        }
        if (json != null) {
            ObjectNode root = mapper.createObjectNode();
            root.put("equitrain", Provenance.detectedEquitrainVersion());
            root.put("java", System.getProperty("java.version"));
            root.put("blas", Gemm.implementation());
            root.put("cores", Runtime.getRuntime().availableProcessors());
            root.put("date", LocalDate.now().toString());
            ArrayNode list = root.putArray("benchmarks");
            rows.forEach(list::add);
            AtomicFiles.writeString(json, mapper.writeValueAsString(root));
        }
        return 0;
    }

    private boolean wants(String group) {
        return only.isEmpty() || only.contains(group);
    }

    /** MLP training step against libtorch, when the bench profile put the anchor on the classpath. */
    private void mlpStep() throws Exception {
        Measurement mlp = TrainingStepBenchmarks.mlpStep(warmup, samples);
        Optional<ExternalAnchor> torch = anchor("mlp-step");
        if (torch.isPresent()) {
            report("mlp-step", mlp, torch.get().measure(warmup, samples), "equitrain/libtorch time, target <= 1.0");
        } else {
            report("mlp-step", mlp, null, "libtorch anchor not on the classpath (run through ./equitrain bench)");
        }
    }

    /** Cohort steps of K = 2, 3, 4 peers of {@code model} and the control of 4 independent models. */
    private void cohortStep(String name, String what, Supplier<Module> model) throws Exception {
        int[] ks = {2, 3, 4};
        Measurement[] m = CohortStepBenchmark.run(what, model, ks, warmup, samples);
        for (int c = 0; c < ks.length; c++) {
            report(name + "-k" + ks[c], m[c + 1], m[0],
                    what + ": (cohort step / K) / single-model step time, target <= 1.1");
        }
        report(name + "-k4-indep", m[ks.length + 1], m[0],
                what + ": 4 independent models stepped in turn, per model / single-model step (no mutual term)");
        report(name + "-k4-vs-indep", m[ks.length], m[ks.length + 1],
                what + ": cohort step, K = 4 / 4 independent models: the cost of mutual learning itself");
    }

    /** FORML step vs ERM step on the same MLP and batch (forml.md §7), and the naive B-backward-pass alternative. */
    private void formlStep(String name, String what, int[] widths, int batch, int heldOut) throws Exception {
        FormlStepBenchmarks.Result r = FormlStepBenchmarks.run(what, widths, batch, heldOut, warmup, samples);
        report(name, r.forml(), r.erm(), "FORML/ERM step time, " + what + ", target <= 1.6");
        report(name + "-naive", r.naive(), r.erm(), "naive meta-gradient (" + batch + " single-example backward "
                + "passes)/ERM step time");
    }

    private static Optional<ExternalAnchor> anchor(String benchmark) {
        return ServiceLoader.load(ExternalAnchor.class).stream().map(ServiceLoader.Provider::get)
                .filter(a -> a.benchmark().equals(benchmark)).findFirst();
    }

    /** Prints one line; the ratio is time(equitrain)/time(anchor) for "≤" targets and its inverse for "≥" ones. */
    private void report(String name, Measurement ours, Measurement anchor, String note) {
        ObjectNode row = mapper.createObjectNode();
        row.put("name", name);
        row.put("equitrain_us", ours.microsPerOp());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s equitrain %10.1f µs", name,
                ours.microsPerOp()));
        if (anchor != null) {
            boolean higherIsBetter = note.contains(">=");
            double ratio = higherIsBetter ? anchor.medianNanosPerOp() / ours.medianNanosPerOp()
                    : ours.medianNanosPerOp() / anchor.medianNanosPerOp();
            row.put("anchor", anchor.name());
            row.put("anchor_us", anchor.microsPerOp());
            row.put("ratio", ratio);
            line.append(String.format(Locale.ROOT, ratio < 0.01 ? "   anchor %10.1f µs   ratio %.2e"
                    : "   anchor %10.1f µs   ratio %.3f", anchor.microsPerOp(), ratio));
        }
        row.put("note", note);
        rows.add(row);
        System.out.println(line.append("   (").append(note).append(')'));
    }
}
