namespace Coding.Core.Reporting;

/// <summary>
/// One coder's output in the window. ChartsPerHour: charts finalized ÷ the hours (UTC) in which the coder decided on a
/// code or finalized a chart, so a coder who worked two hours of a 24-hour window is not counted as idle for 22.
/// MedianMinutesPerChart: from the coder's last claim of a chart (audited as encounter.claim) to its finalizing; null
/// when no claim was found (charts finalized before claims were audited).
/// </summary>
public sealed record CoderProductivity(string Coder, int Finalized, int ActiveHours, double ChartsPerHour, double? MedianMinutesPerChart);

/// <summary>
/// Discharged, not final billed: encounters with a discharge time whose codes are not finalized yet (awaiting the engine,
/// a coder, or failed), by whole days since discharge. The buckets are the ones billing offices report (0–2, 3–5, 6–10, over 10).
/// </summary>
public sealed record DnfbBucket(string Days, int Encounters);

public sealed record DnfbBacklog(int Encounters, double? OldestDays, IReadOnlyList<DnfbBucket> Buckets);
