namespace Coding.Core.Reviewing;

public enum ReviewError
{
    NotFound,

    /// <summary>The request is malformed or breaks a rule (invalid code, span outside the note, missing reason).</summary>
    Invalid,

    /// <summary>The state forbids it now (claimed by someone else, already finalized, undecided suggestions left).</summary>
    Conflict,
}

/// <summary>A review request that cannot be honoured. The message names ids, codes and offsets, never note text.</summary>
public sealed class ReviewException(ReviewError error, string message) : Exception(message)
{
    public ReviewError Error { get; } = error;
}
