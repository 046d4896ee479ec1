/**
 * Chinese-specific obfuscations for the zh-injection set. Each trick is a pure function of the
 * text and a seeded random source, so the generated file is byte-for-byte reproducible.
 */

export type Trick = "none" | "fullwidth" | "pinyin" | "mixed_script" | "traditional" | "spacing" | "homoglyph" | "zero_width";

export const TRICKS: readonly Exclude<Trick, "none">[] = [
  "fullwidth",
  "pinyin",
  "mixed_script",
  "traditional",
  "spacing",
  "homoglyph",
  "zero_width",
];

/** The tricks a benign user also produces (IME full-width mode, Taiwan/HK users, odd spacing, English words). */
export const BENIGN_TRICKS: readonly Exclude<Trick, "none">[] = ["fullwidth", "traditional", "spacing", "mixed_script"];

/** ASCII → full-width forms (U+FF01..U+FF5E), spaces → ideographic space. */
export function fullwidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x21 && c <= 0x7e) out += String.fromCodePoint(c + 0xfee0);
    else if (c === 0x20) out += "\u3000";
    else out += ch;
  }
  return out;
}

/** Simplified → traditional for the characters our seeds use (a small hand-made table). */
const TRAD: Record<string, string> = Object.fromEntries(
  (
    "忽忽 略略 这這 个個 们們 说說 话話 为為 对對 会會 从從 时時 无無 关關 让讓 将將 东東 机機 器器 写寫 还還 里裡 后後 读讀 " +
    "显顯 示示 隐隱 藏藏 码碼 员員 给給 经經 过過 样樣 么麼 实實 现現 体體 复復 发發 见見 认認 证證 确確 与與 当當 务務 条條 " +
    "规規 则則 谁誰 讲講 论論 违違 伦倫 边邊 约約 绝絕 转轉 换換 扫掃 网網 络絡 鱼魚 邮郵 弹彈 药藥 获獲 户戶 据據 库庫 删刪 " +
    "权權 阶階 级級 门門 问問 间間 开開 闭閉 启啟 动動 长長 历歷 记記 忆憶 头頭 题題 页頁 顺順 终終 结結 处處 态態 简簡 单單 " +
    "称稱 号號 语語 译譯 汉漢 虽雖 学學 习習 听聽 马馬 买買 卖賣 钱錢 银銀 币幣 账賬 统統 设設 输輸 请請 应應 该該 审審 " +
    "查查 滤濾 视視 达達 种種 样樣 严嚴 类類 导導 师師 专專 业業 务務 难難 战戰 胜勝 变變 护護 责責 险險 检檢 测測 试試 验驗 " +
    "钓釣 诈詐 骗騙 轻輕 杀殺 枪槍 弹彈 毁毀 坏壞 恶惡 邪邪 灵靈 魂魂 乐樂 游遊 戏戲 剧劇 创創 构構 虚虛 拟擬 扮扮 演演 " +
    "龙龍 凤鳳 众眾 优優 选選 择擇 际際 厂廠 广廣 庆慶 电電 脑腦 软軟 件件 硬硬 盘盤 线線 图圖 书書 画畫 节節 标標 准準 " +
    "历歷 岁歲 亲親 爱愛 奶奶 讨討 厌厭 类類 订訂 单單 费費 领領 奖獎 励勵 问問 题題 错錯 误誤 务務 拒拒 绝絕 谢謝 帮幫 总總 " +
    "内內 容容 个個 执執 行行 压壓 缩縮 续續 补補 全全 现現 阅閱 览覽 页頁 传傳 递遞 针針 对對 窃竊 浏瀏 脚腳 伪偽 造造 条條 " +
    "谣謠 微微 博博 离離 层層 级級 兴興 奋奮 紧緊 张張 过過 滤濾 监監 控控 权權 限限 级級 别別 远遠 离離"
  )
    .split(/\s+/)
    .filter((p) => p.length === 2)
    .map((p) => [p[0]!, p[1]!]),
);

export function traditional(text: string): string {
  let out = "";
  for (const ch of text) out += TRAD[ch] ?? ch;
  return out;
}

/** Key phrases → pinyin (tone marks dropped, as people type them to dodge keyword filters). */
const PINYIN: readonly [string, string][] = [
  ["忽略", "hulve"],
  ["之前", "zhiqian"],
  ["所有", "suoyou"],
  ["指令", "zhiling"],
  ["规则", "guize"],
  ["限制", "xianzhi"],
  ["系统", "xitong"],
  ["提示词", "tishici"],
  ["越狱", "yueyu"],
  ["开发者模式", "kaifazhe moshi"],
  ["无视", "wushi"],
  ["忘记", "wangji"],
  ["不受", "bushou"],
  ["拒绝", "jujue"],
  ["密码", "mima"],
  ["钓鱼", "diaoyu"],
  ["入侵", "ruqin"],
  ["破解", "pojie"],
  ["输出", "shuchu"],
  ["扮演", "banyan"],
  ["设定", "sheding"],
  ["审查", "shencha"],
];

export function pinyin(text: string, rand: () => number): string {
  let out = text;
  let changed = 0;
  for (const [han, py] of PINYIN) {
    if (!out.includes(han)) continue;
    // Replace most key phrases, keep some in Han so the text stays a realistic mix.
    if (changed > 0 && rand() < 0.25) continue;
    out = out.split(han).join(` ${py} `);
    changed++;
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** Key phrases → English, the Chinese/English code-switching common in tech chat. */
const ENGLISH: readonly [string, string][] = [
  ["忽略", "ignore"],
  ["之前的所有指令", "all previous instructions"],
  ["之前的", "previous "],
  ["指令", "instructions"],
  ["系统提示词", "system prompt"],
  ["提示词", "prompt"],
  ["开发者模式", "developer mode"],
  ["越狱", "jailbreak"],
  ["规则", "rules"],
  ["限制", "restrictions"],
  ["扮演", "roleplay"],
  ["角色", "character"],
  ["无视", "ignore"],
  ["输出", "output"],
  ["密码", "password"],
  ["翻译", "translate"],
  ["总结", "summarize"],
  ["面试官", "interviewer"],
  ["终端", "terminal"],
  ["代码", "code"],
  ["邮件", "email"],
  ["老师", "teacher"],
];

export function mixedScript(text: string, rand: () => number): string {
  let out = text;
  let changed = 0;
  for (const [han, en] of ENGLISH) {
    if (!out.includes(han)) continue;
    if (changed > 0 && rand() < 0.3) continue;
    out = out.split(han).join(` ${en} `);
    changed++;
  }
  if (changed === 0) out = `Hi, ${out}`;
  return out
    .replace(/ {2,}/g, " ")
    .replace(/ ([，。！？：；])/g, "$1")
    .trim();
}

/** One separator between every Han character of a stretch (spaces, dots, slashes, ideographic space). */
export function spacing(text: string, rand: () => number): string {
  const seps = [" ", "  ", "\u3000", ".", "-", "/", "*"];
  const sep = seps[Math.floor(rand() * seps.length)]!;
  // Spread the first ~40 Han characters (the part carrying the instruction); keep the rest readable.
  let out = "";
  let spread = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    out += ch;
    const next = chars[i + 1];
    if (spread < 40 && next && /\p{Script=Han}/u.test(ch) && /\p{Script=Han}/u.test(next)) {
      out += sep;
      spread++;
    }
  }
  return out;
}

/**
 * Look-alike characters: Cyrillic/Greek letters for the Latin ones (DAN → DАN), and visually close
 * Han characters or variant forms for key words (略 → 畧 is a real variant; the others are the
 * near-homographs people type to slip past keyword lists).
 */
const LATIN_HOMO: Record<string, string> = {
  A: "А",
  B: "В",
  C: "С",
  E: "Е",
  H: "Н",
  I: "І",
  K: "К",
  M: "М",
  N: "Ν",
  O: "О",
  P: "Р",
  S: "Ѕ",
  T: "Т",
  X: "Х",
  a: "а",
  c: "с",
  e: "е",
  o: "о",
  p: "р",
  x: "х",
  y: "у",
  i: "і",
};
const HAN_HOMO: readonly [string, string][] = [
  ["忽略", "忽畧"],
  ["指令", "指伶"],
  ["系统", "糸统"],
  ["提示词", "提示祠"],
  ["规则", "規则"],
  ["限制", "限製"],
  ["越狱", "越獄"],
  ["密码", "密玛"],
  ["无视", "無视"],
  ["拒绝", "拒決"],
  ["设定", "設定"],
];

/** Single-character variant forms (旳 for 的, 伱 for 你, 昰 for 是…) for seeds with none of the key words. */
const HAN_CHAR_HOMO: Record<string, string> = {
  的: "旳",
  你: "伱",
  是: "昰",
  我: "莪",
  么: "庅",
  出: "岀",
  有: "冇",
  内: "內",
  全: "仝",
  告: "吿",
  把: "扌巴",
};

export function homoglyph(text: string): string {
  let out = text;
  for (const [a, b] of HAN_HOMO) out = out.split(a).join(b);
  out = [...out].map((c) => HAN_CHAR_HOMO[c] ?? c).join("");
  out = out.replace(/[A-Za-z]/g, (c) => LATIN_HOMO[c] ?? c);
  return out;
}

/** Zero-width space / joiner between characters of the first clause. */
export function zeroWidth(text: string, rand: () => number): string {
  const zw = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
  let out = "";
  let n = 0;
  for (const ch of text) {
    out += ch;
    if (n < 60 && /\p{Script=Han}|[A-Za-z]/u.test(ch)) {
      out += zw[Math.floor(rand() * zw.length)]!;
      n++;
    }
  }
  return out;
}

export function applyTrick(trick: Trick, text: string, rand: () => number): string {
  switch (trick) {
    case "none":
      return text;
    case "fullwidth":
      // A seed with no Latin letters would come out unchanged: code-switch it first, as a user
      // typing English words in a Chinese IME's full-width mode does.
      return fullwidth(/[A-Za-z]/.test(text) ? text : mixedScript(text, rand));
    case "pinyin":
      return pinyin(text, rand);
    case "mixed_script":
      return mixedScript(text, rand);
    case "traditional":
      return traditional(text);
    case "spacing":
      return spacing(text, rand);
    case "homoglyph":
      return homoglyph(text);
    case "zero_width":
      return zeroWidth(text, rand);
  }
}
