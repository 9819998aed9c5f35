using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using BifSof.Worker.Features.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Npgsql;

namespace BifSof.MailHarness;

/// <summary>
/// MailKit's own cost of the outbox's e-mails, with nothing else: reads the first e-mail of the outbox whose business
/// key starts with PREFIX (its bodies and attachments, once), then sends it COUNT times over SESSIONS SMTP connections (each opened with
/// TCP_NODELAY, like the dispatcher's), building the MIME message anew for every send with the dispatcher's own
/// <c>ToMime</c>, as the dispatcher does. No claim, no status, no log line: what is left is what MailKit and the
/// socket cost. A warm-up of min(200, COUNT ÷ 10) sends per session comes first and is not counted.
///
///   MailHarness --pg CONN --key-prefix PREFIX --host H --port P --from ADDRESS --count N [--sessions S]
///
/// Prints mailkit_msgs_per_s=… and mailkit_cpu_ms_per_msg=… (this process's user + system CPU over the counted sends).
/// `MailHarness dispatcher …` measures the worker's own dispatcher, warm (<see cref="WarmDispatcher"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var warmDispatcher = args.Length > 0 && args[0] == "dispatcher";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = warmDispatcher ? 1 : 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (warmDispatcher)
        {
            return await WarmDispatcher.RunAsync(options);
        }

        string Required(string name) =>
            options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

        var count = int.Parse(Required("count"), CultureInfo.InvariantCulture);
        var sessions = options.TryGetValue("sessions", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 1;
        var host = Required("host");
        var port = int.Parse(Required("port"), CultureInfo.InvariantCulture);
        var settings = new SmtpOptions { Host = host, Port = port, From = Required("from") };
        var message = await LoadAsync(Required("pg"), Required("key-prefix"));

        var warmUp = Math.Min(200, Math.Max(1, count / 10));
        var clients = new SmtpClient[sessions];
        for (var i = 0; i < sessions; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(host, port);
            clients[i] = new SmtpClient();
            await clients[i].ConnectAsync(socket, host, port, SecureSocketOptions.None);
        }

        await Task.WhenAll(clients.Select(c => SendAsync(c, message, settings, warmUp)));

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var shares = Enumerable.Range(0, sessions).Select(i => count / sessions + (i < count % sessions ? 1 : 0));
        await Task.WhenAll(clients.Zip(shares, (c, n) => SendAsync(c, message, settings, n)));
        clock.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;

        foreach (var client in clients)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }

        Console.WriteLine(FormattableString.Invariant($"mailkit_msgs_per_s={count / clock.Elapsed.TotalSeconds:F1}"));
        Console.WriteLine(FormattableString.Invariant($"mailkit_cpu_ms_per_msg={cpuMs / count:F3}"));
        return 0;
    }

    private static async Task SendAsync(SmtpClient client, OutboxMessage message, SmtpOptions settings, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync(OutboxDispatcher.ToMime(message, settings));
        }
    }

    /// <summary>The first e-mail whose business key starts with the prefix, with its attachments, read once.</summary>
    private static async Task<OutboxMessage> LoadAsync(string connectionString, string keyPrefix)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        OutboxMessage? message = null;
        await using (var command = dataSource.CreateCommand(
            $"SELECT {OutboxDispatcher.SessionConnection.MessageColumns} FROM bifsof.outbox_messages WHERE starts_with(business_key, $1) ORDER BY id LIMIT 1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = keyPrefix });
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                message = OutboxDispatcher.SessionConnection.ReadMessage(reader);
            }
        }

        if (message is null)
        {
            throw new InvalidOperationException($"The outbox holds no e-mail whose business key starts with {keyPrefix}.");
        }

        await using (var command = dataSource.CreateCommand(
            "SELECT id, file_name, content_type, content, content_id FROM bifsof.outbox_attachments WHERE outbox_message_id = $1 ORDER BY id"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                message.Attachments.Add(new OutboxAttachment
                {
                    Id = reader.GetInt64(0),
                    OutboxMessageId = message.Id,
                    FileName = reader.GetString(1),
                    ContentType = reader.GetString(2),
                    Content = reader.GetFieldValue<byte[]>(3),
                    ContentId = reader.IsDBNull(4) ? null : reader.GetString(4),
                });
            }
        }

        return message;
    }
}
