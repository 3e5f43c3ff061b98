using System.Net;
using System.Text;

namespace AnalysisHub.Server.Shared;

/// <summary>
/// The opening of a printable HTML product (the bulletins, the confidence summary): one document head and one header
/// shape, so every printed page of the hub reads and prints alike.
/// </summary>
internal static class PrintablePage
{
    /// <summary>
    /// The pages' stylesheet, served with the dashboard's assets: the hub's Content-Security-Policy (<c>style-src 'self'</c>)
    /// refuses an inline <c>&lt;style&gt;</c>, on these pages as on every other.
    /// </summary>
    private const string Stylesheet = "/css/bulletin.css";

    /// <summary>Writes the head and the header: the title, the line saying what the page covers, and its disclosure note.</summary>
    public static void Open(StringBuilder html, string title, string subtitle, string? disclosure)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // No icon of its own: without this a browser asks for /favicon.ico, which is no public route (401).
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        html.Append("<title>").Append(E(title)).Append("</title>\n<link rel=\"stylesheet\" href=\"").Append(Stylesheet)
            .Append("\">\n</head>\n<body>\n");
        html.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p>").Append(E(subtitle)).Append("</p>\n");
        if (disclosure is not null) html.Append("<p>").Append(E(disclosure)).Append("</p>\n");
        html.Append("</header>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
