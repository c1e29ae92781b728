<?php
// Runs WordPress's own post filter (wp_kses_post from wp-includes/kses.php) over HTML pieces.
// Usage: php kses_harness.php /path/to/wp-includes/kses.php < pieces.json > filtered.json
// Input and output: a JSON array of strings. kses.php is loaded unchanged; the few WordPress
// functions it calls that live in other files are given their default behaviour below
// (no plugins: filters return their value; the user is an author without unfiltered_html).

function apply_filters($hook, $value, ...$args) { return $value; }
function add_filter(...$args) { return true; }
function remove_filter(...$args) { return true; }
function has_filter(...$args) { return false; }
function current_filter() { return ''; }
function current_user_can(...$args) { return false; }
function _deprecated_argument(...$args) {}
function _doing_it_wrong(...$args) {}
function esc_attr($text) { return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8'); }
function wp_parse_url($url, $component = -1) { return parse_url($url, $component); }
function wp_json_encode($data, $options = 0, $depth = 512) { return json_encode($data, $options, $depth); }
function map_deep($value, $callback) {
    return is_array($value) ? array_map(function ($v) use ($callback) { return map_deep($v, $callback); }, $value)
                            : call_user_func($callback, $value);
}
function wp_allowed_protocols() {
    // The default list of wp-includes/functions.php.
    return array('http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs', 'gopher', 'nntp', 'feed',
                 'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax', 'xmpp', 'webcal', 'urn');
}

require $argv[1];

$pieces = json_decode(stream_get_contents(STDIN), true);
if (!is_array($pieces)) {
    fwrite(STDERR, "expected a JSON array of strings\n");
    exit(2);
}
echo json_encode(array_map('wp_kses_post', $pieces), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
