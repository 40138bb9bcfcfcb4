using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// A client that starts a POST on loopback and vanishes halfway through its body: it sends the headers
/// with <c>Expect: 100-continue</c>, waits for the interim <c>100 Continue</c> (Kestrel sends it when the
/// endpoint starts reading the body, so the endpoint is certainly reading), sends a few bytes of the
/// promised body and goes: with a reset (RST), or by closing its side (FIN).
/// </summary>
public static class AbortedRequest
{
    public static async Task SendAsync(Uri server, string path, bool reset)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
            + "X-Signature-Ed25519: 00\r\nX-Signature-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nX-Slack-Request-Timestamp: 1\r\nExpect: 100-continue\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var answer = new StringBuilder();
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new InvalidOperationException($"the server closed the connection before reading the body: {answer}");
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        if (!answer.ToString().StartsWith("HTTP/1.1 100", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected 100 Continue, got: {answer}");
        }

        await stream.WriteAsync("{\"type\":"u8.ToArray());
        if (reset)
        {
            // Closing the socket itself: disposing the stream would shut it down gracefully first.
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        else
        {
            client.Client.Shutdown(SocketShutdown.Both);
        }
    }
}
