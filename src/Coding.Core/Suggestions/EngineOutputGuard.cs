namespace Coding.Core.Suggestions;

/// <summary>
/// The invariants no engine may break, checked before anything is stored: every suggestion has evidence, and every
/// evidence span lies inside the note. A breach is an engine bug, so it fails loudly instead of being trimmed away.
/// </summary>
public static class EngineOutputGuard
{
    public static void Check(EngineResult result, int noteLength)
    {
        var seen = new HashSet<(CodeSystem, string)>();
        foreach (var s in result.Suggestions)
        {
            if (string.IsNullOrWhiteSpace(s.Code))
                throw new InvalidEngineOutputException("a suggestion has no code");
            if (!seen.Add((s.CodeSystem, s.Code)))
                throw new InvalidEngineOutputException($"code {s.Code} is suggested twice");
            if (s.Confidence is < 0 or > 1 || double.IsNaN(s.Confidence))
                throw new InvalidEngineOutputException($"code {s.Code} has confidence {s.Confidence} outside 0..1");
            if (s.Evidence.Count == 0)
                throw new InvalidEngineOutputException($"code {s.Code} has no evidence span");
            foreach (var span in s.Evidence)
            {
                if (span.Start < 0 || span.End <= span.Start || span.End > noteLength)
                    throw new InvalidEngineOutputException($"code {s.Code} has evidence [{span.Start},{span.End}) outside the note (length {noteLength})");
            }
        }
    }
}

public sealed class InvalidEngineOutputException(string reason) : Exception($"Engine output rejected: {reason}.");
