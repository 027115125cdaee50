using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Reviewing;

public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>How long a claim holds without activity; every decision renews it. An abandoned encounter frees itself.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "08:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most rows one queue page returns.</summary>
    [Range(1, 1000)]
    public int QueuePageSize { get; set; } = 200;
}
