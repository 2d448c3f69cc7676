package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.equitrain.data.ArgmaxPredictions;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.nn.Context;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.report.ImageGrid;
import org.equitrain.report.LinePlot;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.Table;
import org.equitrain.tensor.DType;

/**
 * {@code engine-mnist}: the engine end to end — an MLP 784-256-10 and LeNet-5 trained on MNIST and Fashion-MNIST
 * with Adam (lr 1e-3, cosine to 0, batch 128) in float32. Expected: the MLP reaches at least 97.5% on MNIST.
 */
public final class EngineMnistExperiment implements Experiment {
    @Override
    public String name() {
        return "engine-mnist";
    }

    @Override
    public String title() {
        return "Engine check: MLP and LeNet-5 on MNIST and Fashion-MNIST";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        DatasetRegistry registry = DatasetRegistry.standard();
        results.seeds(settings.seed(0));
        Report report = new Report(title());
        report.paragraph("Adam, learning rate 1e-3 with cosine decay to 0, batch 128, float32, seed " + settings.seed(0)
                + ". Test accuracy after every epoch; the MLP on MNIST is expected to reach at least 97.5%.");
        Table table = Table.of("dataset", "model", "parameters", "epochs", "test accuracy", "train seconds", "steps/s");
        String headline = "";
        for (String name : new String[] {"mnist", "fashion-mnist"}) {
            Dataset train = registry.load(name, "train", NaPolicy.DROP_ROWS);
            Dataset test = registry.load(name, "test", NaPolicy.DROP_ROWS);
            results.dataset(name, Map.of("train", train.size(), "test", test.size()));
            LinePlot curves = new LinePlot().title(name + ": test accuracy").xLabel("epoch").yLabel("accuracy");
            Map<String, Object> perModel = new LinkedHashMap<>();
            for (String modelName : new String[] {"mlp", "lenet5"}) {
                Module model = modelName.equals("mlp") ? Mlp.of(784, 256, 10) : new LeNet5();
                int epochs = modelName.equals("mlp") ? settings.pick(10, 20) : settings.pick(2, 15);
                ClassifierRun.History h = ClassifierRun.train(name + " " + modelName, model, train, test,
                        () -> Adam.adam(1e-3), LrSchedule.cosine(1e-3, epochs, 0), epochs, 128, settings.seed(0));
                curves.series(modelName, ClassifierRun.epochAxis(epochs), h.testAccuracy());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("test_accuracy", h.finalAccuracy());
                m.put("test_accuracy_per_epoch", h.testAccuracy());
                m.put("train_seconds", h.seconds());
                m.put("steps_per_second", h.stepsPerSecond());
                m.put("epochs", epochs);
                m.put("parameters", h.params().count());
                perModel.put(modelName, m);
                table.row(name, modelName, h.params().count(), epochs, h.finalAccuracy(), h.seconds(),
                        h.stepsPerSecond());
                if (name.equals("mnist") && modelName.equals("mlp")) {
                    headline = String.format(Locale.ROOT, "MLP on MNIST %.2f%% test accuracy", 100 * h.finalAccuracy());
                    report.figure(misclassified(model, h, test), "MNIST test digits the MLP gets wrong "
                            + "(label → prediction).");
                }
            }
            results.metric(name, perModel);
            report.figure(curves, name + ": test accuracy per epoch.");
        }
        report.table(table.caption("Final test accuracy and training cost on this machine."));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return headline;
    }

    private static ImageGrid misclassified(Module model, ClassifierRun.History h, Dataset test) {
        int[] pred = ArgmaxPredictions.of(model, h.params(), test.features().to(DType.FLOAT32), Context.eval());
        ImageGrid grid = new ImageGrid().title("MNIST test digits the MLP gets wrong").columns(8);
        double[] pixels = test.features().toDoubleArray();
        for (int i = 0, shown = 0; i < pred.length && shown < 16; i++) {
            if (pred[i] != test.label(i)) {
                double[] img = new double[784];
                System.arraycopy(pixels, i * 784, img, 0, 784);
                grid.image(img, 28, 28, test.label(i) + " → " + pred[i]);
                shown++;
            }
        }
        return grid;
    }
}
