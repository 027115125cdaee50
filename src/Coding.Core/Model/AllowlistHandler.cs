using System.Net;

namespace Coding.Core.Model;

/// <summary>
/// The allowlist enforced on every HTTP request the OpenAI connector makes, not only on the configured base URL: a
/// request to any other endpoint is refused unsent, and redirects are never followed, because an allowlisted server
/// answering 307 would otherwise have the client re-send the note to wherever it points.
/// </summary>
public sealed class AllowlistHandler(IReadOnlyList<AllowedEndpoint> allowed)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri || EndpointPolicy.Find(uri, allowed) is null)
            throw new EndpointNotAllowedException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} is not allowlisted");
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest)
        {
            var target = response.Headers.Location is { IsAbsoluteUri: true } location ? location.GetLeftPart(UriPartial.Authority) : "elsewhere";
            response.Dispose();
            throw new EndpointNotAllowedException($"{uri.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode}, a redirect to {target}: redirects are not followed");
        }
        return response;
    }
}
