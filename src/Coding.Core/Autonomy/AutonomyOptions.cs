using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Coding.Core.Autonomy;

/// <summary>
/// Autonomous finalization, opt-in: OFF unless a site turns it on and names its thresholds (the JSON that
/// `coding autonomy derive` writes, and/or inline entries). Only the families listed are autonomous; the rest always
/// go to a coder.
/// </summary>
public sealed class AutonomyOptions
{
    public const string Section = "Autonomy";

    public bool Enabled { get; set; }

    /// <summary>thresholds.json from `coding autonomy derive` (a list of <see cref="FamilyThreshold"/>).</summary>
    public string? ThresholdsFile { get; set; }

    /// <summary>Thresholds given in configuration; they override the file's for the same setting and family.</summary>
    public List<ConfiguredThreshold> Thresholds { get; set; } = [];

    /// <summary>Share of qualifying encounters still sent to a coder as QA, chosen by encounter id so it is repeatable.</summary>
    [Range(0.0, 1.0)]
    public double QaSampleRate { get; set; } = 0.05;

    /// <summary>The thresholds in force: the file's, then the configured ones over them.</summary>
    public IReadOnlyList<FamilyThreshold> Resolve()
    {
        var all = new Dictionary<(string, string), FamilyThreshold>();
        if (!string.IsNullOrWhiteSpace(ThresholdsFile))
            foreach (var t in JsonSerializer.Deserialize<List<FamilyThreshold>>(File.ReadAllText(ThresholdsFile)) ?? [])
                all[(t.Setting.ToLowerInvariant(), t.Family.ToUpperInvariant())] = t;
        foreach (var t in Thresholds)
            all[(t.Setting.ToLowerInvariant(), t.Family.ToUpperInvariant())] = new FamilyThreshold(t.Setting, t.Family, t.Threshold, 0, 0, 0);
        return all.Values.ToList();
    }
}

public sealed class ConfiguredThreshold
{
    public string Setting { get; set; } = "";
    public string Family { get; set; } = "";
    public double Threshold { get; set; }
}

/// <summary>Refuses to start with autonomy on but nothing (or nonsense) to decide by: a wrong file must not fall back to "none qualify" silently.</summary>
public sealed class AutonomyOptionsValidator : IValidateOptions<AutonomyOptions>
{
    public ValidateOptionsResult Validate(string? name, AutonomyOptions o)
    {
        if (!o.Enabled) return ValidateOptionsResult.Success;
        if (!string.IsNullOrWhiteSpace(o.ThresholdsFile) && !File.Exists(o.ThresholdsFile))
            return ValidateOptionsResult.Fail($"Autonomy:ThresholdsFile {o.ThresholdsFile} does not exist");
        IReadOnlyList<FamilyThreshold> thresholds;
        try { thresholds = o.Resolve(); }
        catch (JsonException e) { return ValidateOptionsResult.Fail($"Autonomy:ThresholdsFile is not a thresholds list: {e.Message}"); }
        if (thresholds.Count == 0)
            return ValidateOptionsResult.Fail("Autonomy is enabled but no thresholds are configured (Autonomy:ThresholdsFile or Autonomy:Thresholds)");
        var settings = Enum.GetNames<Encounters.CareSetting>();
        foreach (var t in thresholds)
        {
            if (!settings.Contains(t.Setting, StringComparer.OrdinalIgnoreCase))
                return ValidateOptionsResult.Fail($"Autonomy threshold for unknown setting '{t.Setting}'");
            if (t.Family.Length != 1 || !char.IsAsciiLetter(t.Family[0]))
                return ValidateOptionsResult.Fail($"Autonomy threshold family '{t.Family}' is not an ICD-10-CM chapter letter");
            if (t.Threshold is <= 0 or > 1)
                return ValidateOptionsResult.Fail($"Autonomy threshold {t.Threshold} for {t.Setting} {t.Family} is outside (0, 1]");
        }
        return ValidateOptionsResult.Success;
    }
}
