namespace Coding.Core.Engine.Procedures;

/// <summary>
/// What train taught about procedure candidates (CodiEsp trainP only): per 4-character stem, how often a candidate was gold;
/// the overall rate the per-stem estimate is pulled towards; which whole codes train's gold writes under each stem (to choose
/// characters 5-7 the note does not give) and how often each stem is gold (to choose the body part of a table the Index stops at
/// when the note names no site); and the confidence cut, chosen on cross-fitted train.
/// </summary>
public sealed record ProcedurePriors(
    IReadOnlyDictionary<string, StemCounts> Stems,
    double BaseRate,
    IReadOnlyDictionary<string, int> GoldCodes,
    IReadOnlyDictionary<string, int> GoldStems,
    double Threshold,
    string Source)
{
    /// <summary>Pull towards the base rate, in candidates (m-estimate).</summary>
    public const double M = 2;

    public static readonly ProcedurePriors Empty = new(new Dictionary<string, StemCounts>(), 0.1, new Dictionary<string, int>(), new Dictionary<string, int>(), 0.5, "none");

    public double Confidence(string stem) => Stems.TryGetValue(stem, out var c)
        ? (c.Gold + M * BaseRate) / (c.Candidates + M)
        : BaseRate;
}

public readonly record struct StemCounts(int Candidates, int Gold);
