using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Priors;

namespace Coding.Core.Engine.Ranking;

/// <summary>
/// Scores candidates with the model learned on train candidates: boosted trees when the priors carry current ones,
/// else the logistic model. Either output is a probability fitted to "this candidate is gold", so the confidence means something; the evaluation reports precision per bucket to show
/// how far that holds on unseen documents. Without a learned model a fixed hand-set fallback keeps the engine usable.
/// </summary>
public static class CandidateRanker
{
    // Hand-set weights for the base features (chapters neutral), used only when no learned model is embedded.
    private static readonly RankingWeights Fallback = new(
        CandidateFeatures.Names,
        [0.8, 0.4, 0.2, 0, 1.0, 0.6, 0.8, -0.5, -0.4, 0.2, 0.2, 0.2, 0.8, -0.2, 0.3, -1.5, -1.0, 0.2, 0.2, 1.0, -2.0, 1.0, -0.5, 0.5, 0, 0, 0],
        -1.5,
        0.5);

    /// <summary>The learned model when its features are today's, else the fallback (a stale file must not misalign weights).</summary>
    public static RankingWeights Model(CodingPriors priors) =>
        priors.Model is { } model && model.Features.SequenceEqual(CandidateFeatures.Names) ? model : Fallback;

    /// <summary>The learned trees when their features are today's, else none.</summary>
    public static BoostedTrees? Trees(CodingPriors priors) =>
        priors.Boosted is { } trees && trees.Features.SequenceEqual(CandidateFeatures.Names) ? trees : null;

    /// <summary>The confidence from which a code is suggested, from whichever model scores.</summary>
    public static double Threshold(CodingPriors priors) => Trees(priors)?.Threshold ?? Model(priors).Threshold;

    /// <summary>Sets each candidate's confidence; returns them best first.</summary>
    public static List<Candidate> Rank(IEnumerable<Candidate> candidates, CodingPriors priors, int noteLength)
    {
        var model = Model(priors);
        var trees = Trees(priors);
        var ranked = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            var x = CandidateFeatures.Of(candidate, priors, noteLength);
            candidate.Score = trees?.LogOdds(x) ?? Linear(model, x);
            candidate.Confidence = 1 / (1 + Math.Exp(-candidate.Score));
            ranked.Add(candidate);
        }
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Code, b.Code));
        return ranked;
    }

    private static double Linear(RankingWeights model, double[] x)
    {
        var z = model.Bias;
        for (var i = 0; i < x.Length && i < model.Weights.Length; i++)
            z += model.Weights[i] * x[i];
        return z;
    }
}
