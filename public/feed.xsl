<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a browser shows when someone opens one of our RSS feeds: the feed turned into a
  page, with a title, what a feed is and how to follow it, and each item linked to its
  page, with its summary and its day. Dates come from each item's dc:date, written in
  the zone the site shows that item in (the site's, or an article's own), so the day
  shown is the day the pages show, whatever the reader's clock. The page's style sheet
  is the feed's own CSS instruction (feed.css, whose address carries the site's base
  path); where a browser no longer runs XSLT, that same CSS styles the raw feed.
  XSLT 1.0, no disable-output-escaping: Firefox ignores it.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="css-instruction" select="/processing-instruction('xml-stylesheet')[contains(., 'text/css')]"/>
  <xsl:variable name="css" select="substring-before(substring-after($css-instruction, 'href=&quot;'), '&quot;')"/>

  <xsl:template match="/">
    <xsl:apply-templates select="rss/channel"/>
  </xsl:template>

  <xsl:template match="channel">
    <html lang="{language}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="title"/> (web feed)</title>
        <xsl:if test="$css != ''">
          <link rel="stylesheet" href="{$css}"/>
        </xsl:if>
      </head>
      <body class="feed-view">
        <main>
          <p class="feed-view__about">
            This is a web feed. Copy its address into a feed reader (NetNewsWire, Feedly, Inoreader,
            Thunderbird, newsboat…) to follow it: new items will appear there as they are published.
          </p>
          <h1 class="feed-view__title"><xsl:value-of select="title"/></h1>
          <p class="feed-view__description"><xsl:value-of select="description"/></p>
          <p class="feed-view__address">
            Feed address: <code><xsl:value-of select="atom:link[@rel = 'self']/@href"/></code>
          </p>
          <p class="feed-view__site"><a href="{link}">Open the page of this feed</a></p>
          <xsl:choose>
            <xsl:when test="item">
              <h2 class="feed-view__items-title">Latest items</h2>
              <ol class="feed-view__items">
                <xsl:apply-templates select="item"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p class="feed-view__empty">No items yet.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li class="feed-view__item">
      <h3 class="feed-view__item-title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <xsl:if test="dc:date">
        <p class="feed-view__date">
          <time datetime="{dc:date}"><xsl:call-template name="day"><xsl:with-param name="iso" select="dc:date"/></xsl:call-template></time>
        </p>
      </xsl:if>
      <p class="feed-view__summary">
        <xsl:call-template name="unescape"><xsl:with-param name="text" select="description"/></xsl:call-template>
      </p>
    </li>
  </xsl:template>

  <!-- "2021-08-23T08:00:00-04:00" as the site writes a day: "August 23, 2021". -->
  <xsl:template name="day">
    <xsl:param name="iso"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="names" select="'January  February March    April    May      June     July     August   SeptemberOctober  November December '"/>
    <xsl:value-of select="normalize-space(substring($names, ($month - 1) * 9 + 1, 9))"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="number(substring($iso, 9, 2))"/>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>

  <!--
    An item's description is plain text escaped once more for readers that render it as
    HTML (src/views/rss-document.ts): its five references are read back here.
  -->
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
        <xsl:choose>
          <xsl:when test="starts-with($rest, 'amp;')">&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'lt;')">&lt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'gt;')">&gt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'quot;')">"<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 6)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, '#39;')">'<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
          <xsl:otherwise>&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="$rest"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
