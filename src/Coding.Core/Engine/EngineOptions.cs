using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Engine;

/// <summary>Engine settings (section <c>Engine</c>), validated on start.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary><c>deterministic</c> (default) or <c>none</c> (the placeholder that suggests nothing).</summary>
    [RegularExpression("^(deterministic|none)$")]
    public string Kind { get; set; } = "deterministic";

    /// <summary>Lowest confidence stored as a suggestion; null uses the threshold learned on train (best train F1).</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }

    [Range(1, 200)]
    public int MaxSuggestions { get; set; } = 40;
}
