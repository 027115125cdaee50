namespace Coding.Core.Engine.Preparation;

/// <summary>
/// A sentence with exact offsets (<c>note.Substring(Start, End - Start)</c> is its text, trimmed of whitespace).
/// <see cref="Id"/> is its index in <see cref="PreparedNote.Sentences"/>: the id evidence and model output refer to.
/// A section header ("ASSESSMENT:") is a sentence of its own.
/// </summary>
public readonly record struct Sentence(int Id, int Start, int End, int FirstToken, int TokenCount, int SectionIndex)
{
    public int Length => End - Start;
}
