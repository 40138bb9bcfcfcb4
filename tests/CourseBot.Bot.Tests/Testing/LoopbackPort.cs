using System.Net;
using System.Net.Sockets;

namespace CourseBot.Bot.Tests.Testing;

/// <summary>A loopback port that nothing listens on right now (the system picks it; it is free again once returned).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
