using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Retrieval;

public sealed record ReleaseInfo(int Id, CodeSystem System, string Version, DateOnly EffectiveFrom, DateOnly EffectiveTo, bool Derived, string Source);

/// <summary>The release of a system in force on a date; <see cref="Release"/> is null when none is loaded for that date.</summary>
public sealed record ReleaseInForce(CodeSystem System, DateOnly Date, ReleaseInfo? Release, string Message);

public sealed record CodeInfo(
    CodeSystem System,
    string Code,
    string Display,
    string Title,
    string ShortTitle,
    bool Billable,
    CodeKind Kind,
    string? Chapter,
    string? Block,
    string? Category,
    string? Parent,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    ReleaseInfo Release);

public enum CodeValidity
{
    /// <summary>In the release in force on the date, and valid for submission.</summary>
    ValidBillable,

    /// <summary>In the release, but a header (more characters needed) or a modifier.</summary>
    NotBillable,

    /// <summary>The release in force does not have this code.</summary>
    NotInCodebook,

    /// <summary>The release has the code, but the code's own dates (HCPCS add/termination) exclude the date.</summary>
    NotEffective,

    /// <summary>No release of the system is loaded for the date: nothing can be said.</summary>
    NoCodebookInForce,
}

public sealed record ValidityResult(CodeValidity Status, CodeSystem System, string Code, DateOnly Date, ReleaseInfo? Release, CodeInfo? Info, string Message)
{
    public bool IsValidAndBillable => Status == CodeValidity.ValidBillable;
}

/// <param name="Date">Date of service: only codes of the release in force then are returned. Null: the newest release of each system.</param>
public sealed record SearchQuery(string Text, CodeSystem? System = null, DateOnly? Date = null, int Top = 10, bool BillableOnly = false);

/// <summary>A code found by search, with the text that matched best and which retrievers found it.</summary>
public sealed record SearchHit(CodeSystem System, string Code, string Display, string Title, bool Billable, string Version, double Score, string MatchedText, TermKind MatchedKind, bool Dense, bool Lexical);

public sealed record GuidelineHit(long Id, GuidelineSource Source, int SourceYear, string SectionPath, string Heading, int? Page, string? Code, string Text, double Score);
