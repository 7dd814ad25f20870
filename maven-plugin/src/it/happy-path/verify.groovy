// generate wrote one folder per target, with the version and the option of the calico target, and a kustomization.
def out = new File(basedir, 'target/generated-resources/netlingua')
def k8s = new File(out, 'kubernetes/shop/web.yaml')
assert k8s.isFile() : "missing ${k8s}"
def k8sText = k8s.text
assert k8sText.contains('kind: NetworkPolicy')
assert k8sText.contains('port: 8080')
def kust = new File(out, 'kubernetes/kustomization.yaml')
assert kust.isFile()
assert kust.text.contains('shop/web.yaml')
def tier = new File(out, 'calico/tiers/apps.yaml')
assert tier.isFile() : "the tier option did not reach the calico target"
assert tier.text.contains('kind: Tier')
def policy = new File(out, 'calico/apps.shop-web.yaml')
assert policy.isFile()
assert policy.text.contains('tier: apps')
assert new File(out, 'calico/kustomization.yaml').text.contains('tiers/apps.yaml')
def log = new File(basedir, 'build.log').text
assert log.contains('netlingua kubernetes 1.35: 1 object(s)')
assert log.contains('netlingua calico 3.29: 2 object(s)')
assert log.contains(', checked')
// Nothing left behind by the atomic replacement.
assert out.list().sort() == ['calico', 'kubernetes']
// attach: the resources plugin copied the output folder into target/classes.
assert new File(basedir, 'target/classes/kubernetes/shop/web.yaml').isFile()
assert new File(basedir, 'target/classes/calico/tiers/apps.yaml').isFile()
return true
