using System.Globalization;
using System.Text;
using CourseBot.Bot.Discord.Interactions;
using NSec.Cryptography;

// sign <body.json>: make a key pair and sign the body as Discord would; prints shell assignments.
// serve <public key hex> <url>: the bare endpoint — the same signature check as the bot, then a constant.
if (args is ["sign", var bodyFile])
{
    using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    var body = File.ReadAllBytes(bodyFile);
    var signed = SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.ASCII.GetBytes(timestamp), .. body]);
    Console.WriteLine($"PUBLIC_KEY={Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))}");
    Console.WriteLine($"TIMESTAMP={timestamp}");
    Console.WriteLine($"SIGNATURE={Convert.ToHexStringLower(signed)}");
    return 0;
}

if (args is not ["serve", var publicKey, var url])
{
    Console.Error.WriteLine("usage: InteractionsBaseline sign <body.json> | serve <public key hex> <url>");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(url);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var signature = new InteractionSignature(publicKey);
var answer = """{"type":4,"data":{"content":"ok","flags":64}}"""u8.ToArray();
app.MapPost(InteractionEndpoint.Path, async (HttpContext http) =>
{
    using var buffer = new MemoryStream();
    await http.Request.Body.CopyToAsync(buffer);
    var headers = http.Request.Headers;
    if (!signature.IsValid(headers[InteractionSignature.SignatureHeader], headers[InteractionSignature.TimestampHeader], buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return;
    }

    http.Response.ContentType = "application/json";
    await http.Response.Body.WriteAsync(answer);
});
await app.RunAsync();
return 0;
