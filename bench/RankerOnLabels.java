import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.mine.CandidateMiner;
import org.tracemap.mine.MineSettings;
import org.tracemap.mine.MinedCandidate;
import org.tracemap.mine.MiningEvaluation;
import org.tracemap.ranker.Figures;
import org.tracemap.ranker.LabelledExample;
import org.tracemap.ranker.RankerModel;
import org.tracemap.ranker.RankerTrainer;

/**
 * Would the learned ranker order the review queue better than the rule score? The labelled dev pages stand in for
 * reviewers' decisions: each candidate the miner proposes on them is an example (accepted when a label backs it),
 * and the ranker is judged by stratified 5-fold cross-validation against the rule score, on the candidates of the
 * default queue (rule score >= 0.7) and on a wider pool (>= MIN, the first argument, default 0.3) where a model could
 * also win back candidates the rule score drops. Only dev splits are read: held-out pages stay unread.
 *
 *   java -cp 'target/tracemap.jar:target/lib/*' bench/RankerOnLabels.java [MIN]
 */
public class RankerOnLabels {
    public static void main(String[] args) throws Exception {
        double wide = args.length > 0 ? Double.parseDouble(args[0]) : 0.3;
        Gazetteer gazetteer = GazetteerLoader.load(Path.of("config/gazetteer"));
        try (DocumentExtractor extractor = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(60), 2_000_000, false))) {
            for (double min : new double[] {0.7, wide}) {
                List<LabelledExample> examples = new ArrayList<>();
                MiningEvaluation evaluation = new MiningEvaluation(extractor, new CandidateMiner(gazetteer, new MineSettings(false, min)));
                long id = 0;
                int labels = 0;
                for (String corpus : new String[] {"src/test/resources/mine/corpus", "src/test/resources/mine/prose"}) {
                    MiningEvaluation.Report dev = evaluation.run(Path.of(corpus), "dev");
                    labels += dev.expected();
                    for (MiningEvaluation.PageResult page : dev.pages()) {
                        Set<String> spurious = page.spurious();
                        for (MinedCandidate c : page.candidates()) {
                            examples.add(new LabelledExample(++id, "eval", !spurious.contains(MiningEvaluation.triple(c)), c.score(), c.features()));
                        }
                    }
                }
                RankerModel.CrossValidation cv = new RankerTrainer(1.0, Clock.systemUTC()).crossValidate(examples, 5, 0.7, null);
                long accepted = examples.stream().filter(LabelledExample::positive).count();
                System.out.printf("%nCandidates with rule score >= %.2f on the dev pages: %d (%d backed by one of %d labels)%n", min, examples.size(),
                        accepted, labels);
                System.out.printf("%-40s %9s %9s %9s %9s %7s%n", "ordering", "AP", "precision", "recall", "F1", "kept");
                print("ranker, 5-fold cross-validated (p >= 0.5)", cv.model());
                print("rule score (>= 0.70)", cv.rules());
                System.out.printf("(recall here is of the backed candidates in this pool; against all %d labels: ranker %.3f, rules %.3f)%n", labels,
                        (double) cv.model().truePositives() / labels, (double) cv.rules().truePositives() / labels);
            }
        }
    }

    private static void print(String name, Figures f) {
        System.out.printf("%-40s %9.3f %9.3f %9.3f %9.3f %7d%n", name, f.averagePrecision(), f.precision(), f.recall(), f.f1(),
                f.truePositives() + f.falsePositives());
    }
}
