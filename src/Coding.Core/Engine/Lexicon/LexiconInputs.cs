using Coding.Core.Codebooks;

namespace Coding.Core.Engine.Lexicon;

/// <summary>A code of the release in force, as the engine needs it (code without dot, e.g. "E119").</summary>
public sealed record LexiconCode(string Code, string Title, bool Billable, string? Parent);

/// <summary>A text that leads to a code (title, inclusion term, index path, table cell).</summary>
public sealed record LexiconTerm(long Id, string Code, TermKind Kind, string Text);

/// <summary>A Tabular instruction the validator uses: Excludes1 or code-first, with the codes it names.</summary>
public sealed record LexiconNote(string Code, LexiconNoteKind Kind, string Text);

public enum LexiconNoteKind { Excludes1, CodeFirst, UseAdditionalCode }
