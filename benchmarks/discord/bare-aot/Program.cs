using System.Globalization;
using System.Text;
using NSec.Cryptography;

// keygen: a fresh Ed25519 key pair, as shell assignments (PRIVATE_KEY, PUBLIC_KEY).
// sign <private key hex> <body.json> <count> <first id> <out>: <count> copies of the body, each with its own
//   interaction id (the bot answers an id once) and "{n}" replaced by its number, signed as Discord signs
//   (timestamp = now); one "signature<TAB>timestamp<TAB>body" line each.
// serve <public key hex> <url>: the bare endpoint — Discord's signature check, then a constant answer.
const string TemplateId = "1400000000000000001";
var ed25519 = SignatureAlgorithm.Ed25519;

if (args is ["keygen"])
{
    using var key = Key.Create(ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    Console.WriteLine($"PRIVATE_KEY={Convert.ToHexStringLower(key.Export(KeyBlobFormat.RawPrivateKey))}");
    Console.WriteLine($"PUBLIC_KEY={Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))}");
    return 0;
}

if (args is ["sign", var privateHex, var bodyFile, var countText, var firstIdText, var outFile])
{
    using var key = Key.Import(ed25519, Convert.FromHexString(privateHex), KeyBlobFormat.RawPrivateKey);
    var template = File.ReadAllText(bodyFile).Trim();
    if (!template.Contains(TemplateId, StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"{bodyFile}: no interaction id {TemplateId} to replace");
        return 2;
    }

    var count = int.Parse(countText, CultureInfo.InvariantCulture);
    var firstId = long.Parse(firstIdText, CultureInfo.InvariantCulture);
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    using var output = new StreamWriter(outFile);
    for (var n = 0; n < count; n++)
    {
        var body = template.Replace(TemplateId, (firstId + n).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var signature = ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body));
        output.Write($"{Convert.ToHexStringLower(signature)}\t{timestamp}\t{body}\n");
    }

    return 0;
}

if (args is not ["serve", var publicHex, var url])
{
    Console.Error.WriteLine("usage: bare-interactions keygen | sign <private key hex> <body.json> <count> <first id> <out> | serve <public key hex> <url>");
    return 2;
}

var publicKey = PublicKey.Import(ed25519, Convert.FromHexString(publicHex), KeyBlobFormat.RawPublicKey);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(url);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var answer = """{"type":4,"data":{"content":"ok","flags":64}}"""u8.ToArray();
app.MapPost("/discord/interactions", async (HttpContext http) =>
{
    using var buffer = new MemoryStream();
    await http.Request.Body.CopyToAsync(buffer);
    var timestamp = http.Request.Headers["X-Signature-Timestamp"].ToString();
    var signatureHex = http.Request.Headers["X-Signature-Ed25519"].ToString();
    var signature = signatureHex.Length == 128 ? Convert.FromHexString(signatureHex) : [];
    byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp), .. buffer.GetBuffer().AsSpan(0, (int)buffer.Length)];
    if (signature.Length == 0 || !ed25519.Verify(publicKey, signed, signature))
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return;
    }

    http.Response.ContentType = "application/json";
    await http.Response.Body.WriteAsync(answer);
});
await app.RunAsync();
return 0;
