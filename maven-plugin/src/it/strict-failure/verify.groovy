// Strict mode refuses the L7 block on Kubernetes: the build failed with the positioned error, wrote nothing,
// and wrote the SARIF log first.
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'src/main/netlingua/web.npl').canonicalPath
assert log.contains("[ERROR] ${file}:6:47: error[NL3004]: kubernetes: the http block is not expressible")
assert log.contains('      |                                               ^')
assert log.contains('netlingua kubernetes 1.35: 0 object(s), 1 error, nothing written')
assert !new File(basedir, 'target/generated-resources/netlingua/kubernetes').exists()
def sarif = new File(basedir, 'target/netlingua.sarif')
assert sarif.isFile() : 'no SARIF log on failure'
def text = sarif.text
assert text.contains('"version" : "2.1.0"') || text.contains('"version": "2.1.0"')
assert text.contains('NL3004')
assert text.contains('web.npl')
return true
