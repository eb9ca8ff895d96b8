//! A minimal HTTP/1.1 client exchange over any byte stream: one request,
//! one response, `Connection: close`. Enough for Envoy's admin API, whether
//! the stream is a TCP connection or a Kubernetes port-forward.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// A response: status code and the decoded body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Send one request and read the response (Content-Length, chunked, or
/// until EOF).
pub async fn exchange<S>(
    stream: &mut S,
    method: &str,
    host: &str,
    path: &str,
) -> std::io::Result<Response>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: mast\r\nAccept: */*\r\nConnection: close\r\n"
    );
    if method != "GET" {
        req.push_str("Content-Length: 0\r\n");
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).await?;
    stream.flush().await?;

    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    // Read the head.
    let head_end = loop {
        if let Some(p) = find(&buf, b"\r\n\r\n") {
            break p;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(invalid("connection closed before the response headers"));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..head_end])
        .map_err(|_| invalid("response headers are not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(&format!("malformed status line {status_line:?}")))?;
    let mut content_length: Option<usize> = None;
    let mut chunked = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("content-length") {
                content_length = v.parse().ok();
            } else if k.eq_ignore_ascii_case("transfer-encoding")
                && v.to_ascii_lowercase().contains("chunked")
            {
                chunked = true;
            }
        }
    }
    let mut body: Vec<u8> = buf.split_off(head_end + 4);
    if chunked {
        return Ok(Response {
            status,
            body: read_chunked(stream, body, &mut chunk).await?,
        });
    }
    if let Some(len) = content_length {
        body.reserve(len.saturating_sub(body.len()));
        while body.len() < len {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(invalid("connection closed before the end of the body"));
            }
            body.extend_from_slice(&chunk[..n]);
        }
        body.truncate(len);
        return Ok(Response { status, body });
    }
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Response { status, body })
}

async fn read_chunked<S: AsyncRead + Unpin>(
    stream: &mut S,
    mut raw: Vec<u8>,
    chunk: &mut [u8],
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut pos = 0;
    loop {
        // Ensure a full size line is buffered.
        let line_end = loop {
            if let Some(p) = find(&raw[pos..], b"\r\n") {
                break pos + p;
            }
            fill(stream, &mut raw, chunk).await?;
        };
        let size_str =
            std::str::from_utf8(&raw[pos..line_end]).map_err(|_| invalid("bad chunk size"))?;
        let size_str = size_str.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_str, 16).map_err(|_| invalid("bad chunk size"))?;
        pos = line_end + 2;
        if size == 0 {
            return Ok(out);
        }
        while raw.len() < pos + size + 2 {
            fill(stream, &mut raw, chunk).await?;
        }
        out.extend_from_slice(&raw[pos..pos + size]);
        pos += size + 2;
        if pos > 1 << 20 {
            raw.drain(..pos);
            pos = 0;
        }
    }
}

async fn fill<S: AsyncRead + Unpin>(
    stream: &mut S,
    raw: &mut Vec<u8>,
    chunk: &mut [u8],
) -> std::io::Result<()> {
    let n = stream.read(chunk).await?;
    if n == 0 {
        return Err(invalid("connection closed in the middle of a chunked body"));
    }
    raw.extend_from_slice(&chunk[..n]);
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn serve(response: &'static [u8]) -> (Response, String) {
        let (mut client, mut server) = tokio::io::duplex(1 << 16);
        let task = tokio::spawn(async move {
            let mut req = vec![0u8; 4096];
            let n = server.read(&mut req).await.unwrap();
            server.write_all(response).await.unwrap();
            drop(server);
            String::from_utf8_lossy(&req[..n]).into_owned()
        });
        let resp = exchange(
            &mut client,
            "POST",
            "127.0.0.1:15000",
            "/logging?level=debug",
        )
        .await
        .unwrap();
        (resp, task.await.unwrap())
    }

    #[tokio::test]
    async fn content_length_body() {
        let (r, req) = serve(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello").await;
        assert_eq!(
            r,
            Response {
                status: 200,
                body: b"hello".to_vec()
            }
        );
        assert!(req.starts_with("POST /logging?level=debug HTTP/1.1\r\nHost: 127.0.0.1:15000\r\n"));
        assert!(req.contains("Content-Length: 0\r\n"));
    }

    #[tokio::test]
    async fn chunked_body() {
        let (r, _) =
            serve(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").await;
        assert_eq!(r.body, b"abcde");
    }

    #[tokio::test]
    async fn body_until_eof_and_status() {
        let (r, _) = serve(b"HTTP/1.1 405 Method Not Allowed\r\n\r\nnope").await;
        assert_eq!((r.status, r.body.as_slice()), (405, b"nope".as_slice()));
    }
}
