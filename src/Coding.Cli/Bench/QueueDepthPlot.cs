using System.Globalization;
using System.Text;

namespace Coding.Cli.Bench;

/// <summary>A dependency-free SVG line chart of the bench's queue samples: what waits where, over time.</summary>
internal static class QueueDepthPlot
{
    private const int Width = 800, Height = 360, Left = 70, Right = 20, Top = 30, Bottom = 50;

    public static string Svg(IReadOnlyList<QueueSample> samples, string title)
    {
        var maxT = Math.Max(1, samples.Count == 0 ? 1 : samples[^1].Seconds);
        var maxY = Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => Math.Max(s.Remaining, Math.Max((int)s.QueueReady, s.OutboxPending))));
        double X(double t) => Left + t / maxT * (Width - Left - Right);
        double Y(double v) => Height - Bottom - v / maxY * (Height - Top - Bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="white"/><text x="{Left}" y="18" font-size="14">{title}</text>""");
        for (var i = 0; i <= 5; i++)
        {
            var v = maxY * i / 5.0;
            var t = maxT * i / 5.0;
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Width - Right}" y1="{F(Y(v))}" y2="{F(Y(v))}" stroke="#ddd"/><text x="{Left - 6}" y="{F(Y(v) + 4)}" text-anchor="end">{v:0}</text>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{F(X(t))}" y="{Height - Bottom + 18}" text-anchor="middle">{t:0.#}</text>""");
        }
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{(Left + Width - Right) / 2}" y="{Height - 10}" text-anchor="middle">seconds since ingest started</text>""");
        Series(svg, samples, s => s.Remaining, "#333", "not yet coded", 0, X, Y);
        Series(svg, samples, s => s.QueueReady, "#d62728", "suggest-codes queue (ready)", 1, X, Y);
        Series(svg, samples, s => s.OutboxPending, "#1f77b4", "outbox (unsent)", 2, X, Y);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Series(StringBuilder svg, IReadOnlyList<QueueSample> samples, Func<QueueSample, double> value, string color, string label, int row,
        Func<double, double> x, Func<double, double> y)
    {
        var points = string.Join(' ', samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{x(s.Seconds):0.#},{y(value(s)):0.#}")));
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Width - 230}" x2="{Width - 210}" y1="{Top + 10 + row * 16}" y2="{Top + 10 + row * 16}" stroke="{color}" stroke-width="2"/><text x="{Width - 205}" y="{Top + 14 + row * 16}">{label}</text>""");
    }
}
