namespace Coding.Core.Model;

/// <summary>Which remote endpoints a note may go to. Matching is by scheme, host, port and path prefix — never by substring.</summary>
public static class EndpointPolicy
{
    public static AllowedEndpoint? Find(Uri endpoint, IEnumerable<AllowedEndpoint> allowed)
    {
        foreach (var a in allowed)
        {
            if (!Uri.TryCreate(a.Url, UriKind.Absolute, out var u))
                continue;
            if (!string.Equals(u.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(u.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
                || u.Port != endpoint.Port)
                continue;
            var prefix = u.AbsolutePath.TrimEnd('/') + "/";
            var path = endpoint.AbsolutePath.TrimEnd('/') + "/";
            if (path.StartsWith(prefix, StringComparison.Ordinal))
                return a;
        }
        return null;
    }
}
