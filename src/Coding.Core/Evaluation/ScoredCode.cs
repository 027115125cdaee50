namespace Coding.Core.Evaluation;

/// <summary>One predicted code with the engine's confidence (0..1). A document's list is ranked best first.</summary>
public readonly record struct ScoredCode(string Code, double Score);
