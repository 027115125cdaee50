namespace Coding.Core.Codebooks.Parsing;

/// <summary>One code (or header) of a release, as read from an official file. <see cref="Code"/> is normalized (no dot).</summary>
public sealed record CodeEntry(
    string Code,
    bool Billable,
    string ShortTitle,
    string LongTitle,
    DateOnly? EffectiveFrom = null,
    DateOnly? EffectiveTo = null,
    bool IsModifier = false);
