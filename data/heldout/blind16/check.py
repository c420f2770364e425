#!/usr/bin/env python3
"""Validator for the blind16 held-out set (python3, stdlib only).

Checks, for every gold/b16_*.json:
  * schema and allowed values as in /work/shared/gold/GUIDELINES.md;
  * doc = an existing papers/ file; the paper has 1200-2000 Han characters;
  * every evidence string occurs in its paper (raw text, or lines joined
    after stripping, as in the seed gold);
  * every organisation name, practice name/alias and outcome text occurs in the
    paper (whitespace ignored);
  * every practice/outcome/org named in a link (and every adopted_by, part_of,
    parent, outcome org) is itself annotated;
  * reported practices have adopted_by, recommended ones have none;
  * no organisation or practice name (or alias) of 4+ characters from the seed
    gold is reused, and none occurs verbatim in a seed paper (when
    /work/shared/papers is present) (equal, containment with the shorter >= half the longer, or
    fuzzy ratio >= 85 after normalisation), except the whitelisted well-known
    institutions.
Prints a counts table and ALL OK (exit 0), or the problems (exit 1).
"""
import difflib, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

ORG_TYPES = {"Group", "Company", "Mine", "PartyCommittee", "PartyBranch", "Union",
             "YouthLeague", "Department", "Team", "Other"}
DOMAINS = {"political", "ideological", "organisational", "integrity", "talent", "culture",
           "mass", "digital", "safety", "production", "management"}
CATEGORIES = {"safety", "production", "equipment", "economic", "talent", "environment",
              "integrity", "cohesion", "social", "other"}
DIRECTIONS = {"increase", "decrease", "level", None}
MODALITIES = {"reported", "recommended"}

# well-known institutions that every paper of the genre names; allowed to repeat
WHITELIST = ["三会一课", "主题党日", "谈心谈话", "党员责任区", "党员示范岗", "党员突击队",
             "第一议题", "组织生活会", "民主生活会", "民主评议", "民主评议党员", "党员民主评议",
             "创先争优", "志愿服务", "结对帮扶", "技术比武", "岗位练兵", "党员先锋岗"]

SEED_NAMES = [
    'VR智慧党建培训基地',
    'ZYWL-6000Y数字化智能钻机',
    '“135” 工作新模式',
    '“3357”工作机制',
    '“369”精准人才培养工作',
    '“462”党建工作模式',
    '“462”党建模式',
    '“AI视频监控+党员巡检”模式',
    '“一会一品”',
    '“一团一品”',
    '“一月一重点、一月一整治”活动',
    '“一核五街”主题文化阵地',
    '“一队一册”',
    '“一面一册”',
    '“三三制隐患排查法”',
    '“三会一课”',
    '“三位一体”支持体系',
    '“三力”',
    '“三化”',
    '“三基”',
    '“三心”',
    '“三心三基三化三力”',
    '“三心三基三化三力”党建工作模式',
    '“三通道”序列管理',
    '“三重一大”事项决策制度',
    '“三零三增”刚性指标',
    '“两个一以贯之”',
    '“书记领航” 项目',
    '“事故案例复盘会”',
    '“五个建在”',
    '“传帮带”协议',
    '“党员先锋岗”创建工程',
    '“党员创新人才库”计划',
    '“党员创新工作室”',
    '“党员导师制”',
    '“党建 + 安全生产” 模式',
    '“党建+工会”',
    '“党建+工会”工作',
    '“党建+设备管理”模式',
    '“党建创新专项奖励基金”',
    '“党建引领”制度',
    '“党建引领、工会搭台、职工参与”的工作模式',
    '“党建引领基层管理创新”',
    '“党建引领基层管理创新”的有效模式',
    '“六创六争”',
    '“出彩矿井人”',
    '“创新成果实效评估”机制',
    '“劳模创新工作室”',
    '“十有”党支部建设',
    '“卡脖子”技术攻关人才的培养',
    '“双百分”考核',
    '“双讲双爱双树”主题宣讲活动',
    '“四青”品牌集群',
    '“安全宣教到支部”',
    '“安全生产我代言”短视频征集活动',
    '“干部上讲台”活动',
    '“循环验收”管控模式',
    '“思想破冰”行动',
    '“我为群众办实事”实践活动',
    '“我们的节日” 系列活动',
    '“指尖上的思想政治课堂”',
    '“效益+可行性”双维度考核',
    '“效能党建”',
    '“新焦煤大监督体系”',
    '“智慧党建” 平台',
    '“晾晒行动”',
    '“本质安全型现场作业执行规范”',
    '“物资管理二维码追溯系统”',
    '“矿井党校＋矿井大讲堂+多功能党性教育基地+VR智慧党建培训基地”一主多元开放式的党建教育工作矩阵',
    '“矿井好人”',
    '“矿井工匠”',
    '“示范党建”',
    '“立于民、利予民” 利民文化体系',
    '“立体式 + 下沉式” 结合的学习方式',
    '“立体式”“体验式”“下沉式” 学习',
    '“第一议题”',
    '“第一议题”制度',
    '“管理创新大讨论”',
    '“精品党建”',
    '“素质提升到支部”',
    '“能耗双控”工作',
    '“设备预知性维护”',
    '“辖区管理”',
    '“道德讲堂”',
    '“青” 字号品牌',
    '一体化思想教育体系',
    '一体化数字化工作平台',
    '三交河矿',
    '上廉政党课',
    '下沉式管理',
    '专项监督检查',
    '专题学习',
    '专题读书班',
    '中心组学习',
    '丰峪煤业',
    '主题党日',
    '主题教育',
    '主题演讲',
    '举报制度',
    '书记例会',
    '井下维修课堂',
    '井口文化长廊',
    '人才强企战略',
    '供应部党支部',
    '先进人物推选工作',
    '先锋队',
    '党史学习教育',
    '党员先锋工程',
    '党员公开承诺活动',
    '党员包保活动',
    '党员安全监督岗',
    '党员定期学习',
    '党员干部带头讲',
    '党员干部联系职工群众的制度',
    '党员教育信息化平台一体化建设',
    '党员活动室',
    '党员示范岗',
    '党员责任区',
    '党员进企业、职工进党组织',
    '党委',
    '党委中心组学习',
    '党委会及矿长办公会议事规则',
    '党委会议决策程序',
    '党委前置研究讨论程序',
    '党委理论学习中心组学习',
    '党委理论学习中心组学习会',
    '党委要参与企业各项目的重大决策',
    '党建与工会信息共享平台',
    '党建与工会意识形态工作联动机制',
    '党建与工会融合工作的责任清单',
    '党建促联建',
    '党建品牌交流会',
    '党建品牌成长树',
    '党建品牌矩阵',
    '党建工作、业务工作双百分考核制',
    '党建工作与业务工作联动机制',
    '党建工作月度“复盘”机制',
    '党建工作考核机制',
    '党建带团建',
    '党建带工建',
    '党建教育工作矩阵',
    '党建统领目标责任制考核',
    '党支部书记 “晾晒行动”',
    '党支部周二政治理论学习制度',
    '党纪学习',
    '党组织领导工会工作的议事规则',
    '党群交流平台',
    '党群组织与员工代表的联席会议',
    '党群组织和企业员工代表机制',
    '党群联谊活动',
    '党风廉政教育室',
    '全矿',
    '公开承诺书',
    '公开竞聘',
    '公开透明的决策程序',
    '共青团',
    '关爱健康到支部',
    '内蒙古利民煤焦有限责任公司',
    '内部监督机制',
    '凝聚群众到支部',
    '创先争优',
    '创先争优活动',
    '创建清廉国企',
    '创新工作坊',
    '创新项目评选',
    '利民公司',
    '利民公司党委',
    '利民文化体系',
    '动态达标“一月一重点、一月一整治”活动',
    '劳模先进巡回讲',
    '协同工作方案',
    '协同监督机制',
    '参观红色教育基地',
    '双百分考核制',
    '反面典型案例警示教育',
    '发展党员 “三关”',
    '后备干部库',
    '品牌党支部建设',
    '品牌联络点制度',
    '团组织',
    '困难帮扶',
    '困难职工帮扶长效机制',
    '在线考试',
    '多功能党性教育基地',
    '大数据分析',
    '学习大讨论',
    '安全专题培训',
    '安全寄语',
    '安全微视频',
    '安全生产主题日活动',
    '安全生产宣传片',
    '安全生产标准化建设',
    '安全生产责任体系',
    '安全知识竞赛',
    '安全管理体系',
    '定期走访职工家庭',
    '实地参观',
    '家风家教',
    '导师制度',
    '山西焦煤',
    '山西焦煤西山煤电西铭矿',
    '山西焦煤集团',
    '山西焦煤集团西铭矿党委',
    '山西焦煤霍州煤电集团丰峪煤业',
    '山西西山煤电股份有限公司',
    '山西西山煤电股份有限公司西铭矿党政办',
    '岗位练兵',
    '巡察整改',
    '巡视工作',
    '工会',
    '工会干部与党务干部双向交流、交叉任职',
    '工作对接会',
    '工作理念牌板',
    '干部人才队伍监督管理体系',
    '干部包队活动',
    '干部日常管理考核办法',
    '干部激励约束机制',
    '廉政党课',
    '廉政教育',
    '廉政文化宣传',
    '廉政规定',
    '廉洁文化宣传',
    '微信公众号',
    '心理健康讲座',
    '心理咨询',
    '心理疏导',
    '志愿服务',
    '意识形态工作责任制',
    '感恩行动',
    '我们的节日',
    '承诺践诺',
    '承诺践诺制',
    '技术交流会',
    '技术比武',
    '技能比武',
    '技能比赛',
    '捐赠',
    '掘进二队党支部',
    '掘进队组信息化管理系统',
    '攻坚项目',
    '政治引领到支部',
    '数字化培训教育',
    '数字化档案管理系统',
    '整治“四风”',
    '文化体验和活动平台',
    '文化活动中心',
    '文明创建考核办法',
    '文明餐桌',
    '文艺汇演',
    '新焦煤',
    '智慧党建学习系统',
    '智能化配件库管理系统',
    '月度“复盘”机制',
    '月度一“复盘”、季度一通报、半年“回头看”、全年全覆盖的下沉式管理',
    '未具名矿井的矿党委（文中未写矿名）',
    '未具名矿井（文中未写矿名）',
    '机电党支部',
    '标准化“辖区管理”职责',
    '案例教学',
    '模范支部',
    '正风肃纪督查',
    '民主生活会',
    '民主评议',
    '民主评议党员',
    '民族团结进步活动月',
    '民生工程',
    '汾州焦煤公司',
    '沟通联动机制',
    '河南神火煤电股份有限公司',
    '河南神火煤电股份有限公司新庄煤矿',
    '消费帮扶',
    '清廉国企',
    '源头培养工程',
    '演讲比赛',
    '激励帮扶制度',
    '激励机制',
    '焦煤',
    '煤矸石综合利用',
    '现场教学和实践锻炼相结合的培训模式',
    '理论宣讲',
    '生产技术部',
    '生产技术部党员团队',
    '目标管理',
    '督查督办',
    '知识竞赛',
    '矿',
    '矿井',
    '矿井党校',
    '矿井大讲堂',
    '矿党委',
    '矿史展览室',
    '矿工会',
    '示范党支部动态管理机制',
    '示范岗',
    '社会公德情景剧',
    '科技创新制度',
    '科技创新式活动',
    '移动办公平台',
    '立体式全媒体宣传格局',
    '精准化职工服务体系',
    '精益党建模式',
    '系统点评',
    '纪律督查',
    '纪检监察干部“十不准”',
    '纪检简报',
    '线上主题党日',
    '线上党建知识竞赛',
    '线上技能培训',
    '线上线下相结合的党建活动',
    '组织协同机制',
    '组织生活会',
    '结对帮扶',
    '综采一队党支部',
    '综采二队党支部',
    '群众举报受理和反馈机制',
    '职业技能培训',
    '职代会确定的民生工程',
    '职工代表大会制度',
    '职工创新工作室',
    '职工合理化建议活动',
    '职工实训基地',
    '职工家属微信群',
    '职工康体中心',
    '职工心理疏导机制',
    '职工技能培训',
    '职工维权机制',
    '职工需求清单和服务台账',
    '舆情监测管控',
    '虚拟现实技术',
    '西山煤电',
    '西铭矿',
    '西铭矿党委',
    '西铭矿党政办',
    '观摩交流',
    '观看警示教育片',
    '观警示片',
    '设岗定责',
    '谈心谈话',
    '责任清单',
    '责任落实机制',
    '贯彻落实习近平总书记重要指示批示精神',
    '跨部门、跨单位的联席会议制度',
    '过政治生日',
    '运输一队党支部',
    '述职述廉',
    '选树典型',
    '通风区',
    '通风区党支部',
    '逢查必考',
    '道德讲堂',
    '鄂托克前旗长城五号矿业有限公司',
    '集体廉洁谈话',
    '集团公司',
    '霍州煤电集团',
    '霍州煤电集团汾州焦煤公司三交河矿',
    '青年安全生产示范岗',
    '青年志愿者',
    '青年文明号',
    '青年突击队',
    '领导定期指导支部建设',
    '领导干部个人有关事项报告',
    '领导干部讲党课',
    '风气建设到支部',
]


PUNCT_RE = re.compile(r"[\s\u3000“”‘’\"'「」『』《》〈〉()（）\[\]【】{}<>,，。.、;；:：!！?？·…—\-_/|+＋]")

def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return PUNCT_RE.sub("", s)

def same_name(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short in long_ and len(short) * 2 >= len(long_):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85

def han(t):
    return len(re.findall(r"[\u4e00-\u9fff]", t))

def main():
    errs = []
    seed = set(SEED_NAMES)
    sd = os.path.join(HERE, "..", "shared", "gold", "seeds")      # /work/shared/gold/seeds if present
    for g in glob.glob(os.path.join(sd, "*.json")):
        d = json.load(open(g, encoding="utf-8"))
        for o in d.get("organisations", []):
            seed.add(o["name"]); seed.update(o.get("aliases", []))
        for p in d.get("practices", []):
            seed.add(p["name"]); seed.update(p.get("aliases", []))
    seed = [s for s in seed if len(norm(s)) >= 4]
    seed_text = ""                                                   # seed papers, if present
    for f in glob.glob(os.path.join(HERE, "..", "shared", "papers", "*.txt")):
        seed_text += norm(open(f, encoding="utf-8").read())
    white = {norm(w) for w in WHITELIST}

    rows = []
    files = sorted(glob.glob(os.path.join(HERE, "gold", "b16_*.json")))
    if len(files) != 4:
        errs.append("expected 4 gold files, found %d" % len(files))
    for gf in files:
        tag = os.path.basename(gf)
        def E(msg):
            errs.append("%s: %s" % (tag, msg))
        try:
            d = json.load(open(gf, encoding="utf-8"))
        except Exception as ex:
            E("invalid JSON: %s" % ex); continue
        keys = ["doc", "article", "skipped", "organisations", "practices", "outcomes", "links"]
        if list(d.keys()) != keys:
            E("top-level keys %s != %s" % (list(d.keys()), keys))
        pf = os.path.join(HERE, "papers", d.get("doc", ""))
        if not os.path.isfile(pf) or d.get("doc") != tag.replace(".json", ".txt"):
            E("doc %r is not papers/%s" % (d.get("doc"), tag.replace(".json", ".txt"))); continue
        raw = open(pf, encoding="utf-8").read()
        joined = "".join(l.strip() for l in raw.split("\n"))
        nows = re.sub(r"\s", "", raw)
        def occurs(s):
            return bool(s) and re.sub(r"\s", "", s) in nows
        n_han = han(raw)
        if not 1200 <= n_han <= 2000:
            E("paper has %d Han characters (want 1200-2000)" % n_han)
        if not isinstance(d.get("article"), str) or not d["article"].strip():
            E("article title missing")
        elif not occurs(d["article"]):
            E("article title not in paper: %s" % d["article"])
        if not isinstance(d.get("skipped"), list) or not all(isinstance(x, str) for x in d["skipped"]):
            E("skipped must be a list of strings")

        orgs = d.get("organisations", [])
        onames = set()
        for o in orgs:
            if list(o.keys()) != ["name", "aliases", "type", "parent"]:
                E("org keys %s" % list(o.keys()))
            if o.get("type") not in ORG_TYPES: E("org type %r" % o.get("type"))
            if not isinstance(o.get("aliases"), list): E("org aliases not a list: %s" % o.get("name"))
            if o["name"] in onames: E("duplicate org %s" % o["name"])
            onames.add(o["name"])
            for n in [o["name"]] + o.get("aliases", []):
                if not occurs(n): E("org name/alias not in paper: %s" % n)
        oall = set(onames) | {a for o in orgs for a in o.get("aliases", [])}
        for o in orgs:
            if o["parent"] is not None and o["parent"] not in onames:
                E("org parent not annotated: %s -> %s" % (o["name"], o["parent"]))

        prs = d.get("practices", [])
        pnames = set()
        for p in prs:
            if list(p.keys()) != ["name", "aliases", "modality", "adopted_by", "part_of", "domain"]:
                E("practice keys %s" % list(p.keys()))
            if p.get("modality") not in MODALITIES: E("modality %r" % p.get("modality"))
            if p.get("domain") not in DOMAINS: E("domain %r (%s)" % (p.get("domain"), p["name"]))
            if p["name"] in pnames: E("duplicate practice %s" % p["name"])
            pnames.add(p["name"])
            for n in [p["name"]] + p.get("aliases", []):
                if not occurs(n): E("practice name/alias not in paper: %s" % n)
            if p["modality"] == "reported" and not p["adopted_by"]:
                E("reported practice without adopted_by: %s" % p["name"])
            if p["modality"] == "recommended" and p["adopted_by"]:
                E("recommended practice with adopted_by: %s" % p["name"])
            for a in p["adopted_by"]:
                if a not in onames: E("adopted_by not annotated: %s" % a)
        for p in prs:
            if p["part_of"] is not None and p["part_of"] not in pnames:
                E("part_of not annotated: %s -> %s" % (p["name"], p["part_of"]))
            if p["part_of"] == p["name"]:
                E("practice part of itself: %s" % p["name"])

        outs = d.get("outcomes", [])
        otexts = set()
        for o in outs:
            if list(o.keys()) != ["text", "indicator", "value", "unit", "direction", "year", "category", "org"]:
                E("outcome keys %s" % list(o.keys()))
            if o["text"] in otexts: E("duplicate outcome %s" % o["text"])
            otexts.add(o["text"])
            if not occurs(o["text"]): E("outcome text not in paper: %s" % o["text"])
            if not isinstance(o.get("indicator"), str) or not o["indicator"]: E("indicator missing: %s" % o["text"])
            v = o.get("value")
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                E("value not a number/null: %s" % o["text"])
            if v is not None and not norm(str(v).rstrip("0").rstrip(".") if "." in str(v) else str(v)) in norm(o["text"]):
                E("value %s not in outcome text: %s" % (v, o["text"]))
            if o.get("unit") is not None and not isinstance(o["unit"], str): E("unit: %s" % o["text"])
            if (v is None) != (o.get("unit") is None): E("value/unit: give both or neither: %s" % o["text"])
            if o.get("direction") not in DIRECTIONS: E("direction %r" % o.get("direction"))
            y = o.get("year")
            if y is not None and not (isinstance(y, int) and 2019 <= y <= 2025): E("year %r" % y)
            if o.get("category") not in CATEGORIES: E("category %r" % o.get("category"))
            if o.get("org") not in onames: E("outcome org not annotated: %s" % o.get("org"))

        links = d.get("links", [])
        seen = set()
        cat = {o["text"]: o["category"] for o in outs}
        for l in links:
            if list(l.keys()) != ["practice", "outcome", "org", "evidence"]:
                E("link keys %s" % list(l.keys()))
            if l["practice"] not in pnames: E("link practice not annotated: %s" % l["practice"])
            if l["outcome"] not in otexts: E("link outcome not annotated: %s" % l["outcome"])
            if l["org"] not in onames: E("link org not annotated: %s" % l["org"])
            ev = l.get("evidence") or ""
            if not (ev in raw or ev in joined):
                E("evidence not in paper: %s" % ev[:40])
            if re.sub(r"\s", "", l["outcome"]) not in re.sub(r"\s", "", ev):
                E("outcome not inside its evidence: %s" % l["outcome"])
            pr = next((p for p in prs if p["name"] == l["practice"]), None)
            if pr and not any(re.sub(r"\s", "", n) in re.sub(r"\s", "", ev) for n in [pr["name"]] + pr["aliases"]):
                E("practice (or alias) not named in its evidence: %s" % l["practice"])
            k = (l["practice"], l["outcome"])
            if k in seen: E("duplicate link %s" % (k,))
            seen.add(k)

        for kind, items in (("org", [[o["name"]] + o["aliases"] for o in orgs]),
                            ("practice", [[p["name"]] + p["aliases"] for p in prs])):
            for group in items:
                for n in group:
                    if len(norm(n)) < 4 or norm(n) in white:
                        continue
                    if any(norm(w) in norm(n) and len(norm(w)) * 2 >= len(norm(n)) for w in WHITELIST):
                        continue
                    for s in seed:
                        if same_name(n, s):
                            E("%s name reuses a seed name: %s ~ %s" % (kind, n, s))
                    if seed_text and norm(n) in seed_text:
                        E("%s name occurs verbatim in a seed paper: %s" % (kind, n))
        rows.append((d["doc"], n_han, len(orgs),
                     sum(p["modality"] == "reported" for p in prs),
                     sum(p["modality"] == "recommended" for p in prs),
                     len(outs), sum(o["category"] == "safety" for o in outs),
                     len(links), sum(cat.get(l["outcome"]) == "safety" for l in links)))

    hdr = ("doc", "han", "orgs", "pr_rep", "pr_rec", "outcomes", "out_safety", "links", "links_safety")
    fmt = "%-18s" + "%13s" * (len(hdr) - 1)
    print(fmt % hdr)
    for r in rows:
        print(fmt % r)
    if rows:
        print(fmt % (("TOTAL",) + tuple(sum(r[i] for r in rows) for i in range(1, len(hdr)))))
    if errs:
        print("\n%d PROBLEM(S):" % len(errs))
        for e in errs:
            print("  - " + e)
        sys.exit(1)
    print("\nALL OK")

if __name__ == "__main__":
    main()
