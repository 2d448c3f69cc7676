package org.equitrain.sensitivity.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.GaussNewton;
import org.equitrain.autodiff.perexample.KroneckerFactors;
import org.equitrain.autodiff.perexample.OutputHessian;
import org.equitrain.nn.Activation;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MPE spec §6.5 (V_i from explicit Jacobians) and §6.7 (sign check), plus the group and LOCO forms. */
class NetworkSensitivityTest {
    private static final int N = 9;
    private static final int D = 4;
    private static final int K = 3;
    private static final double PRIOR = 2.0;

    private static Classifier model() {
        Sequential net = new Sequential(new Linear(D, 6), Activation.tanh(), new Linear(6, K));
        return new Classifier(net, Params.init(net, DType.FLOAT64, 5));
    }

    private static Tensor inputs() {
        return Tensor.randn(DType.FLOAT64, new SplittableRandom(9), N, D);
    }

    private static int[] labels() {
        SplittableRandom rng = new SplittableRandom(2);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextInt(K);
        }
        return y;
    }

    private static DiagonalPosterior randomDiagonal(Classifier m) {
        SplittableRandom rng = new SplittableRandom(4);
        Map<String, Tensor> v = new LinkedHashMap<>();
        for (String name : m.params().names()) {
            Tensor t = Tensor.zeros(DType.FLOAT64, m.params().get(name).shape());
            for (int j = 0; j < t.size(); j++) {
                t.setFlat(j, 0.05 + rng.nextDouble());
            }
            v.put(name, t);
        }
        return new DiagonalPosterior(v);
    }

    @Test
    void diagonalCovariancesEqualThoseFromExplicitJacobians() {
        Classifier m = model();
        Tensor x = inputs();
        DiagonalPosterior post = randomDiagonal(m);
        Tensor v = post.predictionCovariances(m.logits(x), m.params().asMap());
        for (int b = 0; b < N; b++) {
            double[][] j = explicitJacobian(m, Classifier.rows(x, new int[] {b}));
            for (int r = 0; r < K; r++) {
                for (int c = 0; c < K; c++) {
                    double expected = 0;
                    int off = 0;
                    for (String name : m.params().names()) {
                        Tensor s = post.variances().get(name);
                        for (int p = 0; p < s.size(); p++) {
                            expected += j[r][off + p] * s.getFlat(p) * j[c][off + p];
                        }
                        off += s.size();
                    }
                    assertEquals(expected, v.get(b, r, c), 1e-12 * Math.max(1, Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void jacobianGraphGivesTheCovariancesOfTheTrainingGraph() {
        // The fast path (parameters constant, input differentiable: no weight gradients) against the graph with
        // differentiable parameters, for a ReLU MLP and LeNet-5, with a diagonal posterior and with K-FAC.
        SplittableRandom rng = new SplittableRandom(12);
        for (Module net : List.of(Mlp.of(D, 8, 5, K), new LeNet5())) {
            Classifier m = new Classifier(net, Params.init(net, DType.FLOAT64, 6));
            int width = net instanceof LeNet5 ? 784 : D;
            Tensor x = Tensor.randn(DType.FLOAT64, rng, N, width);
            Classifier.JacobianGraph fast = m.jacobianGraph(x);
            Var slow = m.logits(x);
            assertEquals(0, maxRelativeDifference(slow.value(), fast.logits().value()));
            DiagonalPosterior diagonal = randomDiagonal(m);
            assertTrue(maxRelativeDifference(diagonal.predictionCovariances(slow, m.params().asMap()),
                    diagonal.predictionCovariances(fast.logits(), fast.params())) < 1e-12, net.toString());
            KroneckerFactors factors = new KroneckerFactors();
            factors.add(GaussNewton.of(slow, OutputHessian.softmaxCrossEntropy(), m.params().asMap()));
            KroneckerPosterior kfac = new KroneckerPosterior(factors.invert(PRIOR));
            assertTrue(maxRelativeDifference(kfac.predictionCovariances(slow, m.params().asMap()),
                    Laplace.kfac(m, x, 4, PRIOR).predictionCovariances(fast.logits(), fast.params())) < 1e-10,
                    net.toString());
        }
    }

    @Test
    void fullShiftsWithoutCovarianceMatricesEqualThoseFromTheMatrices() {
        // DiagonalPosterior's V_b e_b path against the default that forms V_b [B, K, K] first.
        Classifier m = new Classifier(Mlp.of(D, 8, 5, K), Params.init(Mlp.of(D, 8, 5, K), DType.FLOAT64, 7));
        Tensor x = inputs();
        int[] y = labels();
        DiagonalPosterior fast = randomDiagonal(m);
        PosteriorCovariance viaMatrices = new PosteriorCovariance() {
            @Override
            public Tensor predictionCovariances(Var logits, Map<String, Var> params) {
                return fast.predictionCovariances(logits, params);
            }

            @Override
            public Map<String, Tensor> solve(Map<String, Tensor> g) {
                return fast.solve(g);
            }
        };
        NetworkSensitivity a = NetworkSensitivity.compute(m, x, y, fast, PredictionCovariance.FULL, 4);
        NetworkSensitivity b = NetworkSensitivity.compute(m, x, y, viaMatrices, PredictionCovariance.FULL, 4);
        for (int i = 0; i < N; i++) {
            double[] sa = a.logitShift(i);
            double[] sb = b.logitShift(i);
            for (int c = 0; c < K; c++) {
                assertEquals(sb[c], sa[c], 1e-12 * Math.max(1, Math.abs(sb[c])));
            }
            assertEquals(b.probabilityDeviations()[i], a.probabilityDeviations()[i], 1e-12);
        }
        assertEquals(b.looNll(), a.looNll(), 1e-12);
        assertTrue(a.looNll() > a.trainingNll());
    }

    private static double maxRelativeDifference(Tensor expected, Tensor actual) {
        double scale = 1e-300;
        double diff = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getFlat(i)));
            diff = Math.max(diff, Math.abs(expected.getFlat(i) - actual.getFlat(i)));
        }
        return diff / scale;
    }

    @Test
    void estimatedLooNllIsNeverBelowTrainingNll() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        List<PosteriorCovariance> posteriors = List.of(randomDiagonal(m), Laplace.diagonal(m, x, 4, PRIOR),
                Laplace.kfac(m, x, 4, PRIOR));
        for (PosteriorCovariance post : posteriors) {
            for (PredictionCovariance mode : PredictionCovariance.values()) {
                NetworkSensitivity s = NetworkSensitivity.compute(m, x, y, post, mode, 4);
                double[] train = s.trainingNllTerms();
                double[] loo = s.looNllTerms();
                for (int i = 0; i < N; i++) {
                    assertTrue(loo[i] >= train[i] - 1e-12, mode + " example " + i + ": " + loo[i] + " < " + train[i]);
                }
                assertTrue(s.looNll() > s.trainingNll());
            }
        }
    }

    @Test
    void removingOneExampleAsAGroupGivesItsOwnFullCovarianceShift() {
        // J_i S⁻¹ ∇ℓ_i = J_i S⁻¹ J_iᵀ e_i = V_i e_i: both routes must agree for every posterior.
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        for (PosteriorCovariance post : List.of(randomDiagonal(m), Laplace.kfac(m, x, 5, PRIOR))) {
            NetworkSensitivity s = NetworkSensitivity.compute(m, x, y, post, PredictionCovariance.FULL, 5);
            for (int i : new int[] {0, 4, 8}) {
                NetworkSensitivity.GroupRemoval g = NetworkSensitivity.removeGroup("row " + i, new int[] {i}, m, x,
                        y, post, 5);
                assertEquals(s.perturbedProbabilityChange(i), g.probabilityChanges()[i], 1e-10);
            }
        }
    }

    @Test
    void diagonalParameterStepIsVarianceTimesSummedGradient() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        DiagonalPosterior post = randomDiagonal(m);
        int[] group = {1, 3, 6, 7};
        Map<String, Tensor> step = NetworkSensitivity.parameterStep(group, m, x, y, post, 3);
        List<Tensor> g = m.sumLossGradients(Classifier.rows(x, group), Classifier.labels(y, group));
        for (int p = 0; p < g.size(); p++) {
            String name = m.params().names().get(p);
            for (int j = 0; j < g.get(p).size(); j++) {
                assertEquals(post.variances().get(name).getFlat(j) * g.get(p).getFlat(j), step.get(name).getFlat(j),
                        1e-14);
            }
        }
    }

    @Test
    void batchSizeDoesNotChangeTheResults() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        NetworkSensitivity a = NetworkSensitivity.compute(m, x, y, Laplace.kfac(m, x, 2, PRIOR),
                PredictionCovariance.FULL, 3);
        NetworkSensitivity b = NetworkSensitivity.compute(m, x, y, Laplace.kfac(m, x, N, PRIOR),
                PredictionCovariance.FULL, N);
        NetworkSensitivity c = NetworkSensitivity.compute(m, x, y, Laplace.diagonal(m, x, 2, PRIOR),
                PredictionCovariance.FULL, 3);
        NetworkSensitivity d = NetworkSensitivity.compute(m, x, y, Laplace.diagonal(m, x, N, PRIOR),
                PredictionCovariance.FULL, N);
        for (int i = 0; i < N; i++) {
            assertEquals(a.looNllTerms()[i], b.looNllTerms()[i], 1e-12);
            assertEquals(c.looNllTerms()[i], d.looNllTerms()[i], 1e-12);
        }
    }

    @Test
    void leaveClassOutAveragesTheLooTermsOfTheClass() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        NetworkSensitivity s = NetworkSensitivity.compute(m, x, y, randomDiagonal(m), PredictionCovariance.FULL, 4);
        double[] loco = s.leaveClassOutNll();
        for (int c = 0; c < K; c++) {
            int cls = c;
            int[] rows = java.util.stream.IntStream.range(0, N).filter(i -> y[i] == cls).toArray();
            assertEquals(rows.length == 0 ? Double.NaN : s.looNll(rows), loco[c], 1e-15);
        }
    }

    @Test
    void trainingOnANaNInputStopsAtTheStepThatMeetsIt() {
        Classifier m = model();
        Tensor x = inputs();
        x.setFlat(0, Double.NaN); // row 0 is in every batch of a full-batch epoch
        Adam adam = Adam.adam(0.01);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> ClassifierTraining.epoch(
                m, adam, LrSchedule.constant(0.01), x, labels(), null, N, 1, 0));
        assertEquals("training diverged at step 1 (epoch 1): the mean loss is NaN; no finite loss before it",
                e.getMessage());
        assertEquals(0, adam.steps());
    }

    @Test
    void aFiniteLossBeyondFloat64sProbabilitiesStopsTraining() {
        Classifier m = model();
        Tensor x = inputs();
        Adam adam = Adam.adam(1e6); // the first step moves every weight by about 1e6
        // a one-step epoch: its last (only) update is checked too, or a run that ends here would keep those weights
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> ClassifierTraining.epoch(
                m, adam, LrSchedule.constant(1e6), x, labels(), null, N, 1, 0));
        String loss = e.getMessage().replaceFirst("^training diverged at step 1 \\(epoch 1\\): the update made the "
                + "mean loss ", "");
        assertTrue(Double.parseDouble(loss) > ClassifierTraining.LARGEST_MEAN_LOSS, e.getMessage());
        assertTrue(Double.isFinite(Double.parseDouble(loss)), e.getMessage());
        assertEquals(1, adam.steps());
    }

    @Test
    void adamVariancesUseTheUncorrectedSecondMoment() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        Adam adam = Adam.adam(0.01);
        for (int t = 0; t < 3; t++) {
            adam.step(m.params(), Grad.gradTensors(CrossEntropy.of(m.logits(x), y).mean(), m.params().vars()));
        }
        DiagonalPosterior post = DiagonalPosterior.adam(adam.state(), m.params(), N, PRIOR);
        for (String name : m.params().names()) {
            Tensor s = adam.state().slots().get("exp_avg_sq/" + name);
            for (int j = 0; j < s.size(); j++) {
                assertEquals(1 / (N * Math.sqrt(s.getFlat(j)) + PRIOR), post.variances().get(name).getFlat(j), 1e-15);
            }
        }
    }

    @Test
    void aBatchSizeBelowOneIsRefusedInsteadOfLoopingForever() {
        Classifier m = model();
        Tensor x = inputs();
        int[] y = labels();
        DiagonalPosterior post = randomDiagonal(m);
        for (int batch : new int[] {0, -3}) {
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> NetworkSensitivity.compute(m, x, y, post, PredictionCovariance.FULL, batch),
                    () -> NetworkSensitivity.removeGroup("g", new int[] {1, 2}, m, x, y, post, batch),
                    () -> Laplace.diagonal(m, x, batch, PRIOR),
                    () -> Laplace.kfac(m, x, batch, PRIOR),
                    () -> ClassifierTraining.evaluate(m, x, y, batch));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(IllegalArgumentException.class, call));
                assertEquals("sensitivity: batch size must be 1 or more, got " + batch, e.getMessage());
            }
        }
    }

    @Test
    void noRowsOrAnEmptyGroupIsAnErrorNotANullResult() {
        Classifier m = model();
        DiagonalPosterior post = randomDiagonal(m);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> NetworkSensitivity.compute(
                m, Tensor.zeros(DType.FLOAT64, 0, D), new int[0], post, PredictionCovariance.FULL, 4));
        assertEquals("sensitivity: no rows to compute sensitivities of", none.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> NetworkSensitivity.removeGroup("g", new int[0], m, inputs(), labels(), post, 4));
        assertEquals("sensitivity: the removed group has no rows", empty.getMessage());
    }

    @Test
    void theDiagonalLaplaceRefusesAPriorPrecisionThatIsNotPositiveLikeKfac() {
        Classifier m = model();
        for (double prior : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Laplace.diagonal(m, inputs(), N, prior));
            assertEquals("Laplace: prior precision must be finite and > 0, got " + prior, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Laplace.kfac(m, inputs(), N, prior));
        }
    }

    @Test
    void adamVariancesRefuseANegativeOrNaNPriorAndNoExamples() {
        Classifier m = model();
        Adam adam = Adam.adam(0.01);
        adam.step(m.params(), Grad.gradTensors(CrossEntropy.of(m.logits(inputs()), labels()).mean(),
                m.params().vars()));
        for (double prior : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("adam variances: need N ≥ 1 examples and a finite prior precision ≥ 0, got N = 9, δ = "
                    + prior, assertThrows(IllegalArgumentException.class,
                            () -> DiagonalPosterior.adam(adam.state(), m.params(), N, prior)).getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DiagonalPosterior.adam(adam.state(), m.params(), 0, 0));
    }

    /** J (K × P) of one example, by K reverse passes, parameters concatenated in order. */
    private static double[][] explicitJacobian(Classifier m, Tensor x1) {
        double[][] j = new double[K][];
        for (int r = 0; r < K; r++) {
            Var f = m.logits(x1);
            double[] unit = new double[K];
            unit[r] = 1;
            List<Tensor> g = Grad.gradTensors(Ops.sum(Ops.mul(f, Var.constant(Tensor.of(unit, 1, K)))),
                    m.params().vars());
            j[r] = g.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
        }
        return j;
    }
}
