using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Ranking;
using Coding.Core.Evaluation;

namespace Coding.Core.Engine.Priors;

/// <summary>
/// A training document: its text, its gold codes as comparison keys ("E119") and, when the gold set says where each
/// code was read, the note ranges per code key (<see cref="LearnedTerms"/> then learns phrases per sentence).
/// </summary>
/// <param name="Setting">The care setting the note was coded in (uncertain diagnoses count only for inpatient; CodiEsp's cases are hospital cases).</param>
public sealed record TrainingDocument(string Id, string Text, IReadOnlySet<string> Gold, IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>>? Evidence = null,
    CareSetting Setting = CareSetting.Inpatient);

/// <summary>
/// Learns <see cref="CodingPriors"/> from training documents only. Counts are cross-fitted: the features a training
/// candidate is fitted on come from priors counted on the other folds, so the ranker learns how much a prior is worth
/// on documents it did not see (fitting on in-sample priors would teach it to trust them blindly). The final counts
/// use every training document.
/// </summary>
public static class PriorLearner
{
    /// <param name="dense">Dense hits per document (parallel to <paramref name="documents"/>) for every eligible phrase
    /// (<see cref="DensePhrases.Eligible"/>), or null when the engine runs without dense retrieval. Each fold keeps the
    /// hits of the phrases its own lexical pass leaves unmatched, as the worker would search them.</param>
    /// <param name="goldEdition">The code edition the gold is written in (CodiEsp: FY2017), so a candidate of a code
    /// created since counts as the gold code it replaced; null when the gold uses the release's own codes.</param>
    public static CodingPriors Learn(IReadOnlyList<TrainingDocument> documents, TermLexicon codebookLexicon, string source, int folds = 5, TextWriter? report = null,
        IReadOnlyList<IReadOnlyList<DenseHit>>? dense = null, DenseSettings? denseSettings = null, CodeEdition? goldEdition = null,
        Suggestions.CodingPolicy policy = Suggestions.CodingPolicy.Findings)
    {
        var settings = denseSettings ?? DenseSettings.Default;

        var baseLexicon = codebookLexicon.With([]);
        var prepared = documents.Select(d => NotePreparer.Prepare(d.Text)).ToArray();
        CandidateSet Generate(int i, TermLexicon lexicon, CodingPriors priors)
        {
            var set = DeterministicCoder.Candidates(prepared[i], lexicon, priors, documents[i].Setting, policy);
            return dense is null ? set : DenseCandidates.Add(prepared[i], set, dense[i], lexicon, priors, documents[i].Setting, settings);
        }
        var fold = documents.Select((_, i) => i % folds).ToArray();
        var rows = new List<double[]>();
        var labels = new List<bool>();
        var rowFold = new List<int>();
        var docCandidates = new List<Candidate>[documents.Count];
        var docFirstRow = new int[documents.Count];
        var scored = new List<(double Probability, bool Hit)>();
        var goldTotal = documents.Sum(d => d.Gold.Count);
        for (var f = 0; f < folds; f++)
        {
            var others = Enumerable.Range(0, documents.Count).Where(i => fold[i] != f).ToArray();
            var lexicon = baseLexicon.With(LearnedTerms.AsTerms(LearnedTerms.Learn(others.Select(i => new LearningNote(prepared[i], documents[i].Gold, documents[i].Evidence)).ToList(), baseLexicon)));
            var priors = Count(others.Select(i => (documents[i], Generate(i, lexicon, GoldOnly(documents, others)))), documents, others, source, goldEdition);
            for (var i = 0; i < documents.Count; i++)
            {
                if (fold[i] != f)
                    continue;
                docCandidates[i] = [];
                docFirstRow[i] = rows.Count;
                foreach (var c in Generate(i, lexicon, priors).Candidates)
                {
                    docCandidates[i].Add(c);
                    rows.Add(CandidateFeatures.Of(c, priors, documents[i].Text.Length));
                    labels.Add(documents[i].Gold.HoldsCode(c.Code, goldEdition));
                    rowFold.Add(f);
                }
            }
        }
        if (dense is not null && report is not null)
        {
            var scoredCandidates = docCandidates.SelectMany((cs, d) => cs.Select(c => (c, Gold: documents[d].Gold.HoldsCode(c.Code, goldEdition)))).ToList();
            var only = scoredCandidates.Where(x => x.c.Mentions.TrueForAll(m => m.Dense is not null)).ToList();
            var supported = scoredCandidates.Where(x => x.c.Mentions.Exists(m => m.Dense is not null) && !x.c.Mentions.TrueForAll(m => m.Dense is not null)).ToList();
            var lexicalRate = scoredCandidates.Except(only).Except(supported).ToList();
            report.WriteLine($"dense (cross-fitted): {only.Count} dense-only candidates ({(double)only.Count / documents.Count:F1}/note), {only.Count(x => x.Gold)} gold ({(double)only.Count(x => x.Gold) / Math.Max(1, only.Count):P1}); " +
                $"{supported.Count} lexical candidates also found by dense, {(double)supported.Count(x => x.Gold) / Math.Max(1, supported.Count):P1} gold; other candidates {(double)lexicalRate.Count(x => x.Gold) / Math.Max(1, lexicalRate.Count):P1} gold; " +
                $"candidate recall {(double)scoredCandidates.Count(x => x.Gold) / goldTotal:F3}, without dense-only {(double)scoredCandidates.Except(only).Count(x => x.Gold) / goldTotal:F3}");
        }
        var (weights, bias) = LogisticFit.Fit(rows, labels);
        for (var i = 0; i < rows.Count; i++)
        {
            var z = bias + rows[i].Select((x, j) => x * weights[j]).Sum();
            scored.Add((1 / (1 + Math.Exp(-z)), labels[i]));
        }
        var threshold = BestF1Threshold(scored, goldTotal);
        var goldSets = documents.Select(d => d.Gold).ToList();
        var (boosted, crossFitted) = FitTrees(rows, labels, rowFold, folds);
        // The worker suggests validated codes, so the cut is chosen on what validation leaves of the cross-fitted
        // predictions (Excludes1 and specificity edits remove mostly wrong candidates).
        boosted = boosted with
        {
            Threshold = policy == Suggestions.CodingPolicy.Claims
                ? OperatingPoint.ChooseForClaims(docCandidates, docFirstRow, crossFitted, goldSets, baseLexicon, report, prepared, documents.Select(d => d.Setting).ToList())
                : OperatingPoint.Choose(docCandidates, docFirstRow, crossFitted, goldSets, baseLexicon, report, goldEdition),
        };

        var all = Enumerable.Range(0, documents.Count).ToArray();
        var gold = GoldOnly(documents, all);
        var learned = LearnedTerms.Learn(all.Select(i => new LearningNote(prepared[i], documents[i].Gold, documents[i].Evidence)).ToList(), baseLexicon);
        var finalLexicon = baseLexicon.With(LearnedTerms.AsTerms(learned));
        var final = Count(all.Select(i => (documents[i], Generate(i, finalLexicon, gold))), documents, all, source, goldEdition);
        return new CodingPriors
        {
            Source = final.Source,
            Documents = final.Documents,
            BaseRate = final.BaseRate,
            Codes = final.Codes,
            Terms = final.Terms,
            GoldFrequency = final.GoldFrequency,
            Learned = learned,
            Model = new RankingWeights(CandidateFeatures.Names, weights.Select(w => Math.Round(w, 5)).ToArray(), Math.Round(bias, 5), threshold),
            Boosted = boosted,
        };
    }

    /// <summary>
    /// Boosted trees on all cross-fitted rows, and each row's log-odds from trees fitted without its fold (trees score
    /// their own training rows too well for an honest cut).
    /// </summary>
    private static (BoostedTrees Model, double[] CrossFitted) FitTrees(List<double[]> rows, List<bool> labels, List<int> rowFold, int folds)
    {
        var crossFitted = new double[rows.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => rowFold[i] != f).ToArray();
            var (foldBias, foldTrees) = BoostedFit.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => labels[i]).ToList());
            var model = new BoostedTrees(CandidateFeatures.Names, foldBias, foldTrees, 0);
            for (var i = 0; i < rows.Count; i++)
            {
                if (rowFold[i] == f)
                    crossFitted[i] = model.LogOdds(rows[i]);
            }
        }
        var (bias, trees) = BoostedFit.Fit(rows, labels);
        return (new BoostedTrees(CandidateFeatures.Names, bias, trees, 0), crossFitted);
    }

    /// <summary>The confidence cut that maximises micro-F1 over the cross-fitted training predictions.</summary>
    internal static double BestF1Threshold(List<(double Probability, bool Hit)> scored, int goldTotal)
    {
        var ordered = scored.OrderByDescending(s => s.Probability).ToList();
        double best = 0, cut = 0.5;
        var tp = 0;
        for (var k = 0; k < ordered.Count; k++)
        {
            if (ordered[k].Hit) tp++;
            var f1 = 2.0 * tp / (k + 1 + goldTotal);
            if (f1 > best && (k + 1 == ordered.Count || ordered[k + 1].Probability < ordered[k].Probability))
            {
                best = f1;
                cut = ordered[k].Probability;
            }
        }
        return Math.Round(cut, 4);
    }

    private static CodingPriors GoldOnly(IReadOnlyList<TrainingDocument> documents, int[] indexes) => new()
    {
        GoldFrequency = GoldFrequency(documents, indexes),
    };

    private static Dictionary<string, int> GoldFrequency(IReadOnlyList<TrainingDocument> documents, int[] indexes)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in indexes)
        {
            foreach (var code in documents[i].Gold)
                frequency[code] = frequency.GetValueOrDefault(code) + 1;
        }
        return frequency;
    }

    private static CodingPriors Count(IEnumerable<(TrainingDocument Document, CandidateSet Set)> runs, IReadOnlyList<TrainingDocument> documents, int[] indexes, string source, CodeEdition? goldEdition)
    {
        var codes = new Dictionary<string, PriorCounts>(StringComparer.Ordinal);
        var terms = new Dictionary<string, PriorCounts>(StringComparer.Ordinal);
        int candidates = 0, hits = 0;
        foreach (var (document, set) in runs)
        {
            foreach (var c in set.Candidates)
            {
                var hit = document.Gold.HoldsCode(c.Code, goldEdition);
                candidates++;
                if (hit) hits++;
                Add(codes, c.Code, hit);
                foreach (var key in c.Mentions.Select(m => m.TermKey).Distinct())
                    Add(terms, key, hit);
            }
        }
        return new CodingPriors
        {
            Source = source,
            Documents = indexes.Length,
            BaseRate = candidates == 0 ? 0.1 : (double)hits / candidates,
            Codes = codes,
            Terms = terms,
            GoldFrequency = ReleaseGoldFrequency(GoldFrequency(documents, indexes), codes),
        };
    }

    /// <summary>
    /// Gold frequency in the release's codes: a code is counted where the gold names it, or as often as it was a gold
    /// candidate when the gold writes it otherwise (CodiEsp's "r51" and "s72.001" are the engine's R51.9 and S72.001A,
    /// which would otherwise count as never gold). A candidate is one per code and note, so its hits are notes.
    /// </summary>
    private static Dictionary<string, int> ReleaseGoldFrequency(Dictionary<string, int> frequency, Dictionary<string, PriorCounts> candidates)
    {
        foreach (var (code, counts) in candidates)
        {
            if (counts.Hits > frequency.GetValueOrDefault(code))
                frequency[code] = counts.Hits;
        }
        return frequency;
    }

    private static void Add(Dictionary<string, PriorCounts> counts, string key, bool hit)
    {
        var c = counts.GetValueOrDefault(key);
        counts[key] = new PriorCounts(c.Candidates + 1, c.Hits + (hit ? 1 : 0));
    }

    /// <summary>
    /// A training document from gold codes with the spans they were read from (a JSONL gold note, a finalized encounter):
    /// gold keys and evidence keyed as the learner compares codes.
    /// </summary>
    public static TrainingDocument Document(string id, string text, IEnumerable<(string Code, IReadOnlyList<GoldSpan> Spans)> codes, CareSetting setting)
    {
        var list = codes.ToList();
        return new TrainingDocument(id, text, Keys(list.Select(c => c.Code)),
            EvidenceKeys(list.GroupBy(c => c.Code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<GoldSpan>)g.SelectMany(c => c.Spans).ToList(), StringComparer.Ordinal)),
            setting);
    }

    /// <summary>Gold keys as the learner compares them: upper case, no dot.</summary>
    public static IReadOnlySet<string> Keys(IEnumerable<string> codes) => codes.Select(CodeKey.Match).ToHashSet(StringComparer.Ordinal);

    /// <summary>Evidence ranges keyed as the learner compares codes (several spellings of one code merge).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>> EvidenceKeys(IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>> evidence) =>
        evidence.GroupBy(e => CodeKey.Match(e.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<GoldSpan>)g.SelectMany(e => e.Value).Distinct().OrderBy(s => s.Start).ToList(), StringComparer.Ordinal);
}
